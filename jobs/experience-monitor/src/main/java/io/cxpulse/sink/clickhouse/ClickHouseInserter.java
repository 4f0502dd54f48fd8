package io.cxpulse.sink.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts a JSONEachRow batch and does not return until ClickHouse has taken it: failures are retried with
 * exponential back-off up to {@code maxBackoff}. Blocking the caller is the point: the sink task stops taking input,
 * which back-pressures the job instead of dropping rows. Only an interrupt (job cancellation) ends the wait.
 */
public final class ClickHouseInserter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseInserter.class);
    private static final long FIRST_BACKOFF_MS = 100;
    private static final long ATTEMPT_TIMEOUT_MS = 120_000;

    /** Told of every failed attempt, for metrics. */
    public interface RetryListener {
        void onRetry();
    }

    private final Client client;
    private final long maxBackoffMs;
    private final RetryListener listener;

    public ClickHouseInserter(ClickHouseSettings settings, RetryListener listener) {
        this.client = settings.newClient();
        this.maxBackoffMs = settings.maxBackoff().toMillis();
        this.listener = listener;
    }

    /** @param table database-qualified table name */
    public void insertUntilAccepted(String table, byte[] body, int rows) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                client.insert(table, new ByteArrayInputStream(body), ClickHouseFormat.JSONEachRow)
                        .get(ATTEMPT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .close();
                if (attempt > 1) {
                    LOG.info("ClickHouse insert into {} of {} rows succeeded after {} attempts", table, rows, attempt);
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                listener.onRetry();
                LOG.warn("ClickHouse insert into {} of {} rows failed (attempt {}), retrying in {} ms: {}", table, rows,
                        attempt, backoff, ClickHouseErrors.summarize(e));
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoffMs);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
