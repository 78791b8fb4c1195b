package io.vigil.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.error.ErrorCode;
import io.vigil.error.UnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP server: the JDK's {@code HttpServer}, one virtual thread per request, every request under
 * {@link #BASE_PATH} dispatched through the {@link Router}, the web console's files from
 * {@link ConsoleAssets}, and every failure through the {@link ErrorMapper}. Each response carries a
 * {@code cf-ray}-like request id, and each request is one line of the {@code io.vigil.access} log
 * ({@link AccessLog}).
 */
public final class ApiServer implements AutoCloseable {
    /** Where the API lives, as on {@code api.cloudflare.com}. */
    public static final String BASE_PATH = "/client/v4";

    /** Liveness for load balancers and supervisors: answers while the process serves HTTP at all. */
    public static final String LIVENESS_PATH = "/livez";

    /** Readiness: answers 200 only while the database answers; a load balancer routes around a 503. */
    public static final String READINESS_PATH = "/readyz";

    private static final ApiResponse LIVE =
            ApiResponse.ok("{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    static {
        jdkServerProperties();
    }

    /**
     * Sets the JDK server's properties Vigil relies on (unless given with -D). The JDK reads them once per JVM,
     * when its first {@code HttpServer} is made, whichever it is (the metrics listener, a test's receiver): call
     * this before making any.
     */
    public static void jdkServerProperties() {
        // Small JSON replies must not wait for Nagle.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Slow or stalled clients cannot hold connections forever: a request must arrive within maxReqTime
        // seconds, an idle keep-alive connection is closed after idleInterval, and the JDK's own header
        // caps stay far above Limits' so that Limits answers with an envelope first (the JDK itself answers
        // nothing: it closes the connection). Each may be overridden with -D.
        defaultProperty("sun.net.httpserver.maxReqTime", "10");
        defaultProperty("sun.net.httpserver.idleInterval", "30");
        defaultProperty("jdk.httpserver.maxConnections", "4096");
        defaultProperty("sun.net.httpserver.maxReqHeaders", String.valueOf(Limits.JDK_MAX_HEADER_NAMES));
        defaultProperty("sun.net.httpserver.maxReqHeaderSize", String.valueOf(Limits.JDK_MAX_HEADER_SECTION));
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Router router;
    private final Readiness ready;
    /** The start of this server's request ids: random, so ids of two runs or two nodes differ. */
    private final String rayPrefix =
            Integer.toHexString(ThreadLocalRandom.current().nextInt() | Integer.MIN_VALUE);

    private final AtomicLong requests = new AtomicLong();
    private final ConsoleAssets console = new ConsoleAssets();
    private final HttpMetrics metrics;
    /** Test mode's faults; {@code null} on every server {@code vigil serve} starts. */
    private final @Nullable Faults faults;

    private ApiServer(
            HttpServer server,
            ExecutorService executor,
            Router router,
            Readiness ready,
            HttpMetrics metrics,
            @Nullable Faults faults) {
        this.server = server;
        this.executor = executor;
        this.router = router;
        this.ready = ready;
        this.metrics = metrics;
        this.faults = faults;
    }

    /** The route template a request matched, for metrics and logs: never its raw path. */
    private static final class Matched {
        String route = HttpMetrics.UNMATCHED;
    }

    /**
     * Binds {@code address} (port 0 picks a free port) and starts serving {@code routes}.
     *
     * @param ready whether the server can do its work (the database answers), and what else {@link #READINESS_PATH}
     *     says
     * @param meters where the requests' meters go (by route template, method and status)
     * @param tls HTTPS with this context, or {@code null} for plain HTTP
     */
    public static ApiServer start(
            InetSocketAddress address,
            List<Route> routes,
            Readiness ready,
            MeterRegistry meters,
            @Nullable SSLContext tls)
            throws IOException {
        return start(address, routes, ready, meters, tls, null);
    }

    /**
     * As {@link #start(InetSocketAddress, List, Readiness, MeterRegistry, SSLContext)}, applying {@code faults} to
     * the requests of their routes: test mode's start alone passes any.
     */
    public static ApiServer start(
            InetSocketAddress address,
            List<Route> routes,
            Readiness ready,
            MeterRegistry meters,
            @Nullable SSLContext tls,
            @Nullable Faults faults)
            throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, 1024);
        } else {
            HttpsServer https = HttpsServer.create(address, 1024);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ApiServer api = new ApiServer(server, executor, new Router(routes), ready, new HttpMetrics(meters), faults);
        server.createContext("/", api::handle);
        server.setExecutor(executor);
        server.start();
        return api;
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = rayPrefix + Long.toHexString(requests.incrementAndGet()) + "-VGL";
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        Matched matched = new Matched();
        ApiResponse response;
        MDC.put(AccessLog.REQUEST_ID, requestId);
        try (exchange) {
            // Read while the request is fresh in the cache: after the handler has waited for its commit, every
            // object it looks at again must be fetched from memory.
            String method = exchange.getRequestMethod();
            @Nullable String rawPath = exchange.getRequestURI().getRawPath();
            boolean bodyLeftUnread = bodyLeftUnread(exchange);
            try {
                response = dispatch(exchange, method, rawPath, extraHeaders, matched);
            } catch (RuntimeException e) {
                metrics.refused(e);
                response = ErrorMapper.render(e, requestId);
            }
            if (response == Faults.HANG_UP) { // closing the exchange unanswered closes the connection
                AccessLog.log(requestId, method, rawPath, matched.route, 0, System.nanoTime() - started);
                return;
            }
            if (bodyLeftUnread) {
                // The JDK server drains at most 64 KiB of an unread body, then hangs up: say so, or a client
                // reusing the connection would see its next request go unanswered.
                extraHeaders.put("Connection", "close");
            }
            // Logged before the answer goes out: once a client has its answer, its line is in the log.
            long nanos = System.nanoTime() - started;
            AccessLog.log(requestId, method, rawPath, matched.route, response.status(), nanos);
            metrics.served(method, matched.route, response.status(), nanos);
            send(exchange, method, response, extraHeaders, requestId);
        } finally {
            MDC.remove(AccessLog.REQUEST_ID);
        }
    }

    /**
     * Whether the request declared a body longer than any Vigil reads: every such request is refused (413, or
     * an earlier error), and the rest of its body stays unread.
     */
    private static boolean bodyLeftUnread(HttpExchange exchange) {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared == null) {
            return false;
        }
        try {
            return Long.parseLong(declared.strip()) > ApiRequest.MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private ApiResponse dispatch(
            HttpExchange exchange,
            String method,
            @Nullable String rawPath,
            Map<String, String> extraHeaders,
            Matched matched) {
        Limits.check(exchange);
        if (LIVENESS_PATH.equals(rawPath)) {
            matched.route = LIVENESS_PATH;
            return LIVE;
        }
        if (READINESS_PATH.equals(rawPath)) {
            matched.route = READINESS_PATH;
            if (!ready.ready().getAsBoolean()) {
                throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "the database does not answer", null);
            }
            Map<String, String> detail = ready.detail().get();
            Optional<String> degraded = ready.degraded().get();
            if (detail.isEmpty() && degraded.isEmpty()) {
                return LIVE;
            }
            ObjectNode answer =
                    JsonNodeFactory.instance.objectNode().put("status", degraded.isEmpty() ? "ok" : "degraded");
            degraded.ifPresent(reason -> answer.put("degraded", reason));
            detail.forEach(answer::put);
            return ApiResponse.ok(answer.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (rawPath != null && ConsoleAssets.owns(rawPath)) {
            matched.route = "console";
            return console.serve(method, rawPath, exchange.getRequestHeaders().getFirst("If-None-Match"));
        }
        if (rawPath == null || !rawPath.startsWith(BASE_PATH + "/")) {
            throw Router.noRoute();
        }
        String path = rawPath.substring(BASE_PATH.length());
        Router.Match match = router.match(method, path);
        matched.route = match.template();
        if (faults != null) {
            ApiResponse faulted = faults.apply(method, match.route().pattern());
            if (faulted != null) {
                return faulted;
            }
        }
        ApiRequest request = new ApiRequest(
                method,
                path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(),
                exchange.getRequestBody(),
                match.params(),
                extraHeaders);
        return match.route().handler().handle(request);
    }

    private static void send(
            HttpExchange exchange,
            String method,
            ApiResponse response,
            Map<String, String> extraHeaders,
            String requestId)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("cf-ray", requestId);
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        byte[] body = response.body();
        if (method.equals("HEAD") || response.status() == 304) {
            if (response.status() != 304) {
                headers.set("Content-Length", String.valueOf(body.length));
            }
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops accepting, lets requests in flight finish (up to {@code graceSeconds}), then stops. */
    public void stop(int graceSeconds) {
        server.stop(graceSeconds);
        executor.close();
        LOG.info("HTTP server stopped");
    }

    @Override
    public void close() {
        stop(0);
    }
}
