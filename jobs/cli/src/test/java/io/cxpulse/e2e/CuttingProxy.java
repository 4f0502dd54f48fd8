package io.cxpulse.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of ClickHouse's HTTP port that breaks inserts half-way: the first {@code cuts} connections whose
 * first request inserts into the given table get their headers and the first {@code bodyBytes} of their body through,
 * then both sides are closed, as a network failure or a server crash in the middle of an insert would leave it. Those
 * inserts ask ClickHouse for small blocks ({@code max_insert_block_size}), so the rows before the cut are written
 * before the insert fails: a retry writes them again. Every other connection is passed through untouched.
 */
final class CuttingProxy implements AutoCloseable {

    private static final int BLOCK_ROWS = 16;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length: *(\\d+)");

    private final ServerSocket server;
    private final int targetPort;
    private final String insertMarker;
    private final int cuts;
    private final int bodyBytes;
    private final AtomicInteger cut = new AtomicInteger();
    private final AtomicInteger inserts = new AtomicInteger();
    private final AtomicLong forwarded = new AtomicLong();

    /** @param table database-qualified, e.g. {@code faults.events} */
    CuttingProxy(int targetPort, String table, int cuts, int bodyBytes) throws IOException {
        this.targetPort = targetPort;
        this.insertMarker = "INSERT INTO " + table + " ";
        this.cuts = cuts;
        this.bodyBytes = bodyBytes;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Inserts cut half-way so far. */
    int cutInserts() {
        return cut.get();
    }

    /** Body bytes of the cut inserts that reached ClickHouse before the cut. */
    long forwardedBeforeCuts() {
        return forwarded.get();
    }

    /** Connections that began with an insert into the table, cut or not. */
    int inserts() {
        return inserts.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "cutting-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int headEnd = readHead(in, head);
            byte[] read = head.toByteArray();
            String requestLine = new String(read, 0, Math.max(0, indexOf(read, "\r\n".getBytes())), StandardCharsets.ISO_8859_1);
            boolean insert = URLDecoder.decode(requestLine, StandardCharsets.UTF_8).contains(insertMarker);
            if (insert) {
                inserts.incrementAndGet();
            }
            boolean cutThis = insert && cut.incrementAndGet() <= cuts;
            if (insert && !cutThis) {
                cut.decrementAndGet();
            }
            OutputStream toServer = upstream.getOutputStream();
            if (!cutThis) {
                toServer.write(read);
                toServer.flush();
                Thread back = new Thread(() -> pipe(upstream, client), "cutting-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(in, toServer);
                upstream.shutdownOutput();
                back.join();
                return;
            }
            String line = requestLine.replaceFirst("\\?", "?max_insert_block_size=" + BLOCK_ROWS + "&");
            toServer.write((line + new String(read, requestLine.length(), headEnd - requestLine.length(),
                    StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1));
            // half the body when its length is declared, else bodyBytes of it, or half of what came when the client
            // has sent its whole (chunked) body and waits for the answer: never the whole of it
            String headText = new String(read, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            Matcher length = CONTENT_LENGTH.matcher(headText);
            int limit = length.find() ? Integer.parseInt(length.group(1)) / 2 : bodyBytes;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(read, headEnd, read.length - headEnd);
            client.setSoTimeout(300);
            byte[] buffer = new byte[8192];
            try {
                while (body.size() < limit) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    body.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                limit = Math.min(limit, body.size() / 2);
            }
            int sent = Math.min(limit, body.size());
            toServer.write(body.toByteArray(), 0, sent);
            forwarded.addAndGet(sent);
            toServer.flush();
            // give the server time to write the blocks it has parsed before the connection breaks under it
            Thread.sleep(300);
            client.setSoLinger(true, 0);
            upstream.setSoLinger(true, 0);
        } catch (IOException | InterruptedException e) {
            // a closed connection ends its pipe
        }
    }

    /** Reads at least up to the blank line that ends the request head; returns where the body starts. */
    private static int readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
        byte[] buffer = new byte[8192];
        while (true) {
            byte[] sofar = head.toByteArray();
            int end = indexOf(sofar, "\r\n\r\n".getBytes());
            if (end >= 0) {
                return end + 4;
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed before the request head ended");
            }
            head.write(buffer, 0, n);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void pipe(Socket from, Socket to) {
        try {
            pipe(from.getInputStream(), to.getOutputStream());
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16384];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
