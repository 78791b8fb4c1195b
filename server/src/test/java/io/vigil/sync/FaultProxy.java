package io.vigil.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small HTTP proxy between {@code vigil sync} and its upstream that injects faults: each request takes the next
 * fault of its plan (none when the plan is empty), and listings can hide insights or run an action first (to
 * move upstream while it is read).
 */
final class FaultProxy implements AutoCloseable {
    enum Fault {
        /** 429 with {@code Retry-After: 1} and an exhausted {@code Ratelimit} window. */
        RATE_LIMITED,
        /** 500. */
        SERVER_ERROR,
        /** 503 with {@code x-should-retry: true}. */
        UNAVAILABLE,
        /** No answer for longer than the client waits. */
        HANG,
        /** The answer's headers and half its body, then the connection closes. */
        RESET
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Deque<Fault> plan = new ArrayDeque<>();
    private final Set<String> hidden = new HashSet<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.List<String> paths = new java.util.ArrayList<>();
    private volatile long delayMillis;
    private volatile Predicate<String> actOn = uri -> false;
    private volatile Runnable action = () -> {};

    FaultProxy(String upstream) throws IOException {
        this.upstream = upstream.replaceAll("/client/v4/?$", "");
        io.vigil.http.ApiServer.jdkServerProperties(); // read once per JVM, at the first server made
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4");
    }

    synchronized FaultProxy then(Fault... faults) {
        plan.addAll(java.util.List.of(faults));
        return this;
    }

    /** Listings leave {@code id} out, as if upstream no longer held it (correct for listings of one page). */
    synchronized void hide(String id) {
        hidden.add(id);
    }

    /** Runs {@code act} once, before forwarding the first request whose path and query {@code when} matches. */
    void before(Predicate<String> when, Runnable act) {
        action = act;
        actOn = when;
    }

    /** Answers every request {@code millis} later: a slow upstream, so a test can stop a run part way. */
    void delay(long millis) {
        delayMillis = millis;
    }

    int requests() {
        return requests.get();
    }

    /** The path and query of every request so far, in order. */
    synchronized java.util.List<String> paths() {
        return java.util.List.copyOf(paths);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        synchronized (this) {
            paths.add(exchange.getRequestURI().toString());
        }
        Fault fault;
        synchronized (this) {
            fault = plan.poll();
        }
        try (exchange) {
            if (delayMillis > 0) {
                sleep(delayMillis);
            }
            if (actOn.test(exchange.getRequestURI().toString())) {
                actOn = uri -> false;
                action.run();
            }
            if (fault == Fault.HANG) {
                sleep(4_000);
                return;
            }
            if (fault == Fault.RATE_LIMITED || fault == Fault.SERVER_ERROR || fault == Fault.UNAVAILABLE) {
                int status = fault == Fault.RATE_LIMITED ? 429 : fault == Fault.SERVER_ERROR ? 500 : 503;
                if (fault == Fault.RATE_LIMITED) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    exchange.getResponseHeaders().add("Ratelimit", "\"default\";r=0;t=1");
                }
                if (fault == Fault.UNAVAILABLE) {
                    exchange.getResponseHeaders().add("x-should-retry", "true");
                }
                byte[] body = ("{\"success\":false,\"errors\":[{\"code\":1,\"message\":\"injected " + status
                                + "\"}],\"messages\":[],\"result\":null}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange);
            byte[] body = withoutHidden(answer.body());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), body.length);
            OutputStream out = exchange.getResponseBody();
            if (fault == Fault.RESET) {
                out.write(body, 0, body.length / 2);
                out.flush();
                return; // closing short of the length sent breaks the connection mid-body
            }
            out.write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(upstream + exchange.getRequestURI().toString()))
                .method(
                        exchange.getRequestMethod(),
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : new String[] {"Authorization", "Content-Type"}) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private byte[] withoutHidden(byte[] body) throws IOException {
        Set<String> hide;
        synchronized (this) {
            hide = Set.copyOf(hidden);
        }
        if (hide.isEmpty()) {
            return body;
        }
        JsonNode envelope = JSON.readTree(body);
        JsonNode issues = envelope.path("result").path("issues");
        if (!(issues instanceof ArrayNode list)) {
            return body;
        }
        int removed = 0;
        for (int i = list.size() - 1; i >= 0; i--) {
            if (hide.contains(list.get(i).path("id").asText())) {
                list.remove(i);
                removed++;
            }
        }
        if (envelope.path("result_info") instanceof ObjectNode info) {
            info.put("total_count", info.path("total_count").asLong() - removed);
            info.put("count", list.size());
        }
        return JSON.writeValueAsBytes(envelope);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
