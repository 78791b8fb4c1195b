package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: a request with a body over 64 KiB answered before its body was read (401, 403, 404, 400 7003)
 * left the connection closed by the JDK server without {@code Connection: close}, so a client's next request
 * on it went unanswered now and then. Every such answer now says the connection closes.
 */
class UnreadBodyTest {
    private static final String ACCOUNT_PATH =
            "/client/v4/accounts/023e105f4ecef8ad9ca31a8372d0c353/security-center/insights/x/classification";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @ParameterizedTest
    @ValueSource(
            strings = {ACCOUNT_PATH, "/client/v4/no/such/route", "/client/v4/accounts/acme/security-center/insights"})
    void bodyOverTheLimit_answeredBeforeItIsRead_saysTheConnectionCloses(String path) throws IOException {
        String head = head("PATCH", path, 70_000);
        assertThat(head).startsWith("HTTP/1.1 4");
        assertThat(head.toLowerCase(Locale.ROOT)).contains("\nconnection: close");
    }

    @Test
    void bodyWithinTheLimit_keepsTheConnection() throws IOException {
        String head = head("PATCH", ACCOUNT_PATH, 100);
        assertThat(head).startsWith("HTTP/1.1 401");
        assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
    }

    /** Sends a request declaring {@code length} body bytes (sending only the first few) and reads the head. */
    private static String head(String method, String path, int length) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            int sent = Math.min(length, 16);
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + length + "\r\n\r\n" + "x".repeat(sent))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            return head.toString().replace("\r\n", "\n");
        }
    }
}
