package io.cxpulse.notify;

import io.cxpulse.alerts.Alert;
import io.cxpulse.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's notifier: {@link #write} routes the alert and puts it in a bounded queue, nothing more, so a slow or
 * dead chat server never slows the job; a background thread drains the queue through {@link WebhookSender}.
 */
final class WebhookWriter implements SinkWriter<Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookWriter.class);

    /** An alert waiting to be posted to its URL. */
    private record Pending(Alert alert, URI url) {
    }

    private final WebhookSettings settings;
    private final BlockingQueue<Pending> queue;
    private final WebhookSender sender;
    private final Duration closeGrace;
    private final Thread thread;
    private final Counter delivered;
    private final Counter failed;
    private final Counter retries;
    private final Counter dropped;

    private volatile boolean closing;

    WebhookWriter(WebhookSettings settings, Secret secret, MetricGroup metrics, Duration closeGrace, String threadName) {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.closeGrace = closeGrace;
        // counted on the sender thread, read by metric reporters on theirs
        this.delivered = metrics.counter("webhookDelivered", new ThreadSafeSimpleCounter());
        this.failed = metrics.counter("webhookFailed", new ThreadSafeSimpleCounter());
        this.retries = metrics.counter("webhookRetries", new ThreadSafeSimpleCounter());
        this.dropped = metrics.counter("webhookDropped", new ThreadSafeSimpleCounter());
        this.sender = new WebhookSender(settings, secret, retries::inc);
        this.thread = new Thread(this::drain, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void write(Alert alert, Context context) {
        if (!settings.notifies(alert)) {
            return;
        }
        Optional<URI> url = settings.routeFor(alert);
        if (url.isEmpty()) {
            return;
        }
        if (!queue.offer(new Pending(alert, url.get()))) {
            dropped.inc();
            LOG.warn("webhook dropped alert_id={} revision={} host={}: queue full ({} waiting), receiver too slow or down",
                    alert.alertId(), alert.revision(), WebhookSettings.hostOf(url.get()), settings.queueCapacity());
        }
    }

    /**
     * Does not wait for the queue: delivery is at least once by replay, not by checkpoint (see
     * {@link WebhookNotifier}), and waiting here would stall checkpoints for as long as a receiver is down.
     */
    @Override
    public void flush(boolean endOfInput) {
    }

    private void drain() {
        try {
            while (!closing || !queue.isEmpty()) {
                Pending next = queue.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    send(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() ran out of patience; whatever is left is counted there
        }
    }

    private void send(Pending p) throws InterruptedException {
        WebhookSender.Outcome outcome;
        try {
            outcome = sender.deliver(p.alert(), p.url());
        } catch (InterruptedException e) {
            dropped.inc();
            LOG.warn("webhook dropped alert_id={} revision={} host={}: still in flight when the writer closed",
                    p.alert().alertId(), p.alert().revision(), WebhookSettings.hostOf(p.url()));
            throw e;
        }
        if (outcome.delivered()) {
            delivered.inc();
            return;
        }
        failed.inc();
        LOG.warn("webhook failed alert_id={} revision={} host={} status={} attempts={}: {}", p.alert().alertId(),
                p.alert().revision(), WebhookSettings.hostOf(p.url()), outcome.status(), outcome.attempts(),
                outcome.error());
    }

    /** Gives queued and in-flight deliveries {@code closeGrace}, then stops the sender; what is left is dropped. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.join(closeGrace.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(1_000);
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending p : left) {
            dropped.inc();
            LOG.warn("webhook dropped alert_id={} revision={} host={}: not sent before the writer closed",
                    p.alert().alertId(), p.alert().revision(), WebhookSettings.hostOf(p.url()));
        }
    }
}
