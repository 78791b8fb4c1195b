package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose start fails after its API listener is up (here: the metrics port is taken) leaves nothing behind:
 * the listener is closed, no background job runs, the node id is given up, and a second start on the same data
 * directory and port works.
 */
class StartFailureTest {
    @TempDir
    Path dataDir;

    @Test
    void aFailureAfterTheListenerIsUp_closesEverythingAlreadyStarted() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int apiPort = freePort();
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(loopback, apiPort));
        try (ServerSocket taken = new ServerSocket(0, 50, loopback)) {
            ServerOptions withMetricsTaken = options.withMetrics(new InetSocketAddress(loopback, taken.getLocalPort()));
            assertThatThrownBy(() -> Main.start(null, dataDir, withMetricsTaken))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on");
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .as("no background job, worker or listener thread left")
                .noneMatch(name -> name.startsWith("vigil-job-") || name.startsWith("vigil-webhook-"));
        try (ServerSocket again = new ServerSocket(apiPort, 50, loopback)) {
            assertThat(again.isBound()).as("the API port was given back").isTrue();
        }
        try (Main.Server server = Main.start(null, dataDir, options)) {
            assertThat(server.port()).isEqualTo(apiPort);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
