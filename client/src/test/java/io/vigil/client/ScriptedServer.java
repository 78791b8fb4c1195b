package io.vigil.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port that answers from a script: the fault shapes a real API shows now and
 * then (429 with {@code Retry-After}, 503, a connection broken mid-answer, {@code x-should-retry}), which a healthy
 * Vigil does not produce on demand. Records when each attempt arrived.
 */
final class ScriptedServer implements AutoCloseable {
    /** One scripted answer. */
    sealed interface Answer {}

    /** A status, headers (name, value, …) and an envelope with these errors (or a success without). */
    record Reply(int status, String body, List<String> headers) implements Answer {
        Reply(int status, String body, String... headers) {
            this(status, body, List.of(headers));
        }
    }

    /** Starts a 200 with a body of 100 bytes, sends 5, and closes the connection. */
    record Break() implements Answer {}

    /** Answers nothing for this long, then a success. */
    record Stall(long millis) implements Answer {}

    /** One request as it arrived. */
    record Attempt(String method, String path, long nanos, Map<String, List<String>> headers) {}

    static final String SUCCESS = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"scan_id\":\"s1\"}}";

    static Reply ok() {
        return new Reply(200, SUCCESS);
    }

    static Reply error(int status, int code, String message, String... headers) {
        String body = "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"" + message
                + "\"}],\"messages\":[],\"result\":null}";
        return new Reply(status, body, headers);
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    ScriptedServer(Answer... answers) {
        script.addAll(List.of(answers));
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // a stall blocks no one else
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4");
    }

    /** A client of this server with {@code maxRetries}, a token, and a short timeout. */
    InsightsClient client(int maxRetries) {
        return InsightsClient.builder()
                .baseUrl(baseUrl())
                .apiToken("scripted")
                .maxRetries(maxRetries)
                .timeout(java.time.Duration.ofMillis(500))
                .build();
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Milliseconds between attempt {@code i} and the one after it. */
    long gapMillis(int i) {
        return (attempts.get(i + 1).nanos() - attempts.get(i).nanos()) / 1_000_000;
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        attempts.add(new Attempt(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                System.nanoTime(),
                Map.copyOf(exchange.getRequestHeaders())));
        Answer answer;
        synchronized (script) {
            answer = script.isEmpty() ? ok() : script.poll();
        }
        switch (answer) {
            case Reply reply -> {
                for (int i = 0; i < reply.headers().size(); i += 2) {
                    exchange.getResponseHeaders()
                            .add(reply.headers().get(i), reply.headers().get(i + 1));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            case Break unused -> {
                exchange.sendResponseHeaders(200, 100);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"suc".getBytes(StandardCharsets.UTF_8));
                out.flush();
                exchange.close();
            }
            case Stall stall -> {
                try {
                    Thread.sleep(stall.millis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = SUCCESS.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException gone) {
                    // the client gave up waiting
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
