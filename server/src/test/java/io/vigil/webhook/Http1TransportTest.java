package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The deliverer's HTTP/1.1 client against a receiver scripted byte by byte: connections are kept and reused,
 * answers of every framing are read through, a connection the receiver closed while idle costs no delivery, a
 * redirect is answered as its status, and only the checked addresses are reached.
 */
class Http1TransportTest {
    private static final Map<String, String> HEADERS =
            Map.of("content-type", "application/json", "webhook-id", "msg_1");
    private static final byte[] BODY = "{\"type\":\"t\",\"data\":{\"é\":1}}".getBytes(StandardCharsets.UTF_8);
    private static final String NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n";

    private static Transport transport(Duration answerTimeout) {
        return new Http1Transport(
                (SSLSocketFactory) SSLSocketFactory.getDefault(), Transport.CONNECT_TIMEOUT, answerTimeout);
    }

    private static Targets.Target target(Scripted receiver) {
        return new Targets.Target(
                URI.create("http://127.0.0.1:" + receiver.port() + "/hook?x=1"),
                List.of(InetAddress.getLoopbackAddress()));
    }

    @Test
    void oneConnection_carriesEveryDelivery_withItsHeadersAndBody() throws Exception {
        try (Scripted receiver = Scripted.answering(n -> NO_CONTENT);
                Transport http = transport(Transport.ANSWER_TIMEOUT)) {
            for (int i = 0; i < 20; i++) {
                assertThat(http.post(target(receiver), HEADERS, BODY)).isEqualTo(204);
            }
            assertThat(receiver.connections()).isEqualTo(1);
            Scripted.Request first = receiver.requests().get(0);
            assertThat(first.head())
                    .startsWith("POST /hook?x=1 HTTP/1.1\r\n")
                    .contains("host: 127.0.0.1:" + receiver.port() + "\r\n")
                    .contains("webhook-id: msg_1\r\n")
                    .contains("content-length: " + BODY.length + "\r\n");
            assertThat(first.body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
        }
    }

    @Test
    void answersOfEveryFraming_areReadThrough_andTheConnectionKept() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: 1\r\n\r\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\ncontent-length: 0\r\n\r\n",
                "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
                NO_CONTENT);
        try (Scripted receiver = Scripted.answering(n -> answers.get((n - 1) % answers.size()));
                Transport http = transport(Transport.ANSWER_TIMEOUT)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                statuses.add(http.post(target(receiver), HEADERS, BODY));
            }
            assertThat(statuses).containsExactly(200, 200, 202, 200, 204, 200, 200, 202, 200, 204);
            assertThat(receiver.connections()).isEqualTo(1);
        }
    }

    @Test
    void answersThatEndTheConnection_areRead_andTheNextDeliveryOpensAnother() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.0 200 OK\r\n\r\nto the end",
                "HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\nlonger than is read through");
        try (Scripted receiver = Scripted.answering(n -> answers.get((n - 1) % answers.size()));
                Transport http = transport(Transport.ANSWER_TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.post(target(receiver), HEADERS, BODY)).isEqualTo(200);
            }
            assertThat(receiver.connections()).isEqualTo(3);
        }
    }

    @Test
    void aConnectionTheReceiverClosedWhileIdle_costsNoDelivery() throws Exception {
        try (Scripted receiver = Scripted.answering(n -> NO_CONTENT).closingAfterEachAnswer();
                Transport http = transport(Transport.ANSWER_TIMEOUT)) {
            for (int i = 0; i < 5; i++) {
                assertThat(http.post(target(receiver), HEADERS, BODY)).isEqualTo(204);
                Thread.sleep(50); // the receiver's close arrives while the connection waits
            }
            assertThat(receiver.requests()).hasSize(5);
        }
    }

    @Test
    void aRedirect_isAnsweredAsItsStatus_neverFollowed() throws Exception {
        try (Scripted receiver = Scripted.answering(
                        n -> "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/\r\nContent-Length: 0\r\n\r\n");
                Transport http = transport(Transport.ANSWER_TIMEOUT)) {
            assertThat(http.post(target(receiver), HEADERS, BODY)).isEqualTo(302);
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void aReceiverThatNeverAnswers_timesOut() throws Exception {
        try (Scripted receiver = Scripted.answering(n -> "");
                Transport http = transport(Duration.ofMillis(300))) {
            assertThatThrownBy(() -> http.post(target(receiver), HEADERS, BODY))
                    .isInstanceOf(HttpTimeoutException.class)
                    .hasMessage("request timed out");
        }
    }

    @Test
    void aDeliveryInterrupted_whileItWaits_endsAsInterrupted() throws Exception {
        try (Scripted receiver = Scripted.answering(n -> "");
                Transport http = transport(Transport.ANSWER_TIMEOUT)) {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread lane = Thread.ofVirtual().start(() -> {
                try {
                    http.post(target(receiver), HEADERS, BODY);
                    ended.complete(new AssertionError("answered"));
                } catch (Exception e) {
                    ended.complete(e);
                }
            });
            while (receiver.requests().isEmpty()) {
                Thread.sleep(10);
            }
            lane.interrupt();
            assertThat(ended.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void onlyTheCheckedAddressIsReached_theNameIsNotResolvedAgain() throws Exception {
        try (Scripted receiver = Scripted.answering(n -> NO_CONTENT);
                Transport http = transport(Transport.ANSWER_TIMEOUT)) {
            Targets.Target named = new Targets.Target(
                    URI.create("http://receiver.invalid:" + receiver.port() + "/hook"),
                    List.of(InetAddress.getLoopbackAddress()));
            assertThat(http.post(named, HEADERS, BODY)).isEqualTo(204);
            assertThat(receiver.requests().get(0).head()).contains("host: receiver.invalid:" + receiver.port());
        }
    }

    /** A receiver that answers request {@code n} (from 1) with the bytes {@code answers} gives; "" answers nothing. */
    static final class Scripted implements AutoCloseable {
        record Request(String head, String body) {}

        private final ServerSocket server;
        private final IntFunction<String> answers;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Request> requests = new ArrayList<>();
        private final List<Socket> open = new ArrayList<>();
        private volatile boolean closeAfterEach;

        private Scripted(IntFunction<String> answers) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.answers = answers;
            Thread.ofVirtual().start(this::accept);
        }

        static Scripted answering(IntFunction<String> answers) throws IOException {
            return new Scripted(answers);
        }

        Scripted closingAfterEachAnswer() {
            closeAfterEach = true;
            return this;
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        synchronized List<Request> requests() {
            return List.copyOf(requests);
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    synchronized (this) {
                        open.add(socket);
                    }
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void serve(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String head = head(in);
                    if (head == null) {
                        return;
                    }
                    int length = Integer.parseInt(head.replaceAll("(?s).*content-length: (\\d+).*", "$1"));
                    byte[] body = in.readNBytes(length);
                    int n;
                    synchronized (this) {
                        requests.add(new Request(head, new String(body, StandardCharsets.UTF_8)));
                        n = requests.size();
                    }
                    String answer = answers.apply(n);
                    if (answer.isEmpty()) {
                        while (in.read() >= 0) {
                            // holds the request unanswered until the client goes
                        }
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (closeAfterEach || answer.startsWith("HTTP/1.0 200 OK\r\n\r\n") || answer.contains("close")) {
                        return;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the client went away, or the test ended
            }
        }

        private static @Nullable String head(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4
                        && bytes[n - 4] == '\r'
                        && bytes[n - 3] == '\n'
                        && bytes[n - 2] == '\r'
                        && bytes[n - 1] == '\n') {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (this) {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }
}
