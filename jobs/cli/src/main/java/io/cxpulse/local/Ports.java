package io.cxpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks for the local servers, which all bind 127.0.0.1 only. */
public final class Ports {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {
    }

    /** An ephemeral port that was free on 127.0.0.1 a moment ago (tests, and servers whose port nobody chose). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Fails fast, naming the command-line flag that chose the port, before a server is started on a port
     * something else already holds (the server itself would only say so deep in its own log).
     */
    public static void requireFree(int port, String flag) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (" + flag + ") is not a TCP port (1-65535)");
        }
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " (" + flag + ") is in use on 127.0.0.1; stop what uses it or pass another " + flag);
        }
    }

    /**
     * The servers' own check before they start: a server answering on a port taken by another one (another
     * Kafka, another ClickHouse) would pass for ours.
     */
    static void requireFreeFor(int port, String server) {
        if (!isFree(port)) {
            throw new IllegalStateException("port " + port + " for " + server + " is in use on 127.0.0.1; stop what uses it or choose another port");
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the servers themselves do: a port left in TIME_WAIT by our own last run counts as free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
