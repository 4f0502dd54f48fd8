package io.cxpulse.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The account managers' end of the benchmark: a chat webhook on 127.0.0.1 that the full job posts its alerts to, as
 * it would post them to a team's chat. It answers at once and, while {@link #record} is on, keeps each body with the
 * moment it arrived, for {@link AlertLatency} to read afterwards.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One post as it arrived. */
    record Delivery(long receivedAtMs, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64));
        receiver.server.createContext("/alerts", receiver::handle);
        receiver.server.setExecutor(receiver.threads);
        receiver.server.start();
        return receiver;
    }

    /** A {@code --webhook-config} file that posts every alert opening here. */
    Path writeConfig(Path dir) throws IOException {
        Path file = dir.resolve("bench-webhook.json");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
        Files.writeString(file, "{\"default\": \"" + url + "\", \"notify\": [\"open\"]}", StandardCharsets.UTF_8);
        return file;
    }

    void record(boolean on) {
        recording = on;
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long receivedAt = System.currentTimeMillis();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            if (recording) {
                deliveries.add(new Delivery(receivedAt, body));
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
