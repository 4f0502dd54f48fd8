package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortCanBeBoundAndPassesTheCheck() {
        int port = Ports.free();
        assertThat(port).isBetween(1, 65535);
        assertThatCode(() -> Ports.requireFree(port, "--kafka-port")).doesNotThrowAnyException();
    }

    @Test
    void portInUseNamesTheFlagAtFault() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Ports.requireFree(port, "--kafka-port"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + port + " (--kafka-port) is in use on 127.0.0.1; stop what uses it or pass another --kafka-port");
        }
    }
}
