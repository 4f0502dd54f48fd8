package io.cxpulse.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP server on 127.0.0.1 that records every POST and answers with scripted statuses (then 200). */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Request(String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            // Headers keys are normalised by HttpServer ("Idempotency-key"); copy them case-insensitively
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            received.add(new Request(exchange.getRequestURI().getPath(), headers, body));
            Integer status = script.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with these statuses, in order. */
    WebhookReceiver answer(int... statuses) {
        for (int s : statuses) {
            script.add(s);
        }
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    URI uri(String path) {
        return URI.create(url(path));
    }

    /** Waits up to {@code timeout} for the next request; fails when none came. */
    Request next(Duration timeout) throws InterruptedException {
        Request r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no request within " + timeout);
        }
        return r;
    }

    /** Waits for {@code n} requests. */
    List<Request> next(int n, Duration timeout) throws InterruptedException {
        List<Request> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (out.size() < n) {
            Request r = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("got " + out.size() + " of " + n + " requests within " + timeout);
            }
            out.add(r);
        }
        return out;
    }

    /** Requests that came and were not taken yet. */
    int pending() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
