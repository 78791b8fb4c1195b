package io.vigil.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A real webhook receiver for tests: an HTTP server that verifies every delivery's signature with the Standard
 * Webhooks library receivers use ({@code com.standardwebhooks}), never with Vigil's code, and keeps what verified.
 */
public final class Receiver implements AutoCloseable {
    /** What the receiver does with attempt number {@code n} (1, 2, 3, … over all its attempts). */
    public enum Answer {
        OK,
        FAIL,
        /** Answers 504 after {@link #hangFor} (30 s unless set). */
        HANG,
        /** Answers 504 after 12 s: past Vigil's 10 s answer timeout. */
        STALL,
        /** Answers 302 to {@link #redirectTo}: a sender must not follow it. */
        REDIRECT
    }

    /** One verified delivery. */
    public record Delivery(String id, JsonNode body) {
        public String type() {
            return body.get("type").asText();
        }

        public long position() {
            return body.get("data").get("position").asLong();
        }

        public String issueId() {
            return body.get("data").get("entry").get("issue_id").asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile @Nullable Webhook verifier;
    private volatile IntFunction<Answer> answers = n -> Answer.OK;
    private volatile Duration hang = Duration.ofSeconds(30);
    private volatile String redirectTo = "http://127.0.0.1:9/";

    private Receiver(HttpServer server) {
        this.server = server;
    }

    /** A receiver on a free loopback port. */
    public static Receiver start() {
        // The JDK reads its server properties once per JVM, at the first server made: Vigil's must be set first.
        io.vigil.http.ApiServer.jdkServerProperties();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Verifies with {@code secret} from now on ({@code whsec_…}, as the subscription answered it). */
    public Receiver secret(String secret) {
        try {
            verifier = new Webhook(secret);
        } catch (com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    public Receiver answers(IntFunction<Answer> answers) {
        this.answers = answers;
        return this;
    }

    public Receiver redirectTo(String url) {
        this.redirectTo = url;
        return this;
    }

    public Receiver hangFor(Duration hang) {
        this.hang = hang;
        return this;
    }

    public synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public int attempts() {
        return attempts.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    /** Waits until {@code count} deliveries verified; false if they did not within {@code within}. */
    public boolean await(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (deliveries().size() >= count) {
                return true;
            }
            Thread.sleep(50);
        }
        return deliveries().size() >= count;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] bytes = exchange.getRequestBody().readAllBytes();
            Answer answer = answers.apply(attempts.incrementAndGet());
            if (answer == Answer.HANG || answer == Answer.STALL) {
                try {
                    Thread.sleep(answer == Answer.STALL ? 12_000 : hang.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            if (answer == Answer.REDIRECT) {
                exchange.getResponseHeaders().set("Location", redirectTo);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            if (answer == Answer.FAIL) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            String body = new String(bytes, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            Webhook webhook = verifier;
            try {
                if (webhook == null) {
                    throw new WebhookVerificationException("no secret yet");
                }
                webhook.verify(body, headers);
            } catch (WebhookVerificationException e) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            synchronized (this) {
                deliveries.add(new Delivery(headers.get("webhook-id").get(0), JSON.readTree(body)));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
