package io.vigil.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} on a listener of its own, apart from the API: scrapers need no API credential, the API's
 * port exposes nothing operational, and the port can be kept on a private interface or firewalled on its own.
 * Answers only {@code /metrics} ({@code 404} elsewhere, {@code 405} for other methods).
 */
public final class MetricsServer implements AutoCloseable {
    /** The path Prometheus scrapes by default. */
    public static final String PATH = "/metrics";

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} (port 0 picks a free port) and serves {@code metrics}' scrape there. */
    public static MetricsServer start(InetSocketAddress address, Metrics metrics) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.createContext("/", exchange -> answer(exchange, metrics));
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void answer(HttpExchange exchange, Metrics metrics) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!PATH.equals(exchange.getRequestURI().getRawPath())) {
                send(exchange, 404, "text/plain; charset=utf-8", "only " + PATH + " is served here\n", method);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n", method);
            } else {
                send(exchange, 200, CONTENT_TYPE, metrics.scrape(), method);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body, String method)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
