// The floor of Vigil's HTTP stack for the classification PATCH, for bench/run.sh: the same JDK HttpServer
// with the same settings as io.vigil.http.ApiServer (virtual thread per request, backlog 1024, the same
// sun.net.httpserver / jdk.httpserver properties), answering the same PATCH route with the same reply as
// a successful Vigil PATCH: status 200, Content-Type application/json, a cf-ray-like request id, and the
// body {"errors":[],"messages":[],"success":true}. It reads the whole request body and does nothing
// else: no authentication, no JSON parsing, no database, no access log. Anything else gets a bare 404.
//
// Run with the JDK's source launcher and the flags ./vigil gives the server:
//
//   java -Xmx256m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED bench/trivial/TrivialPatch.java [PORT]
//
// PORT 0 (the default) picks a free port. Binds 127.0.0.1 only and prints
// "trivial-patch listening on http://127.0.0.1:PORT" once it serves.

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

public final class TrivialPatch {
    private static final String BASE = "/client/v4/accounts/";
    private static final String SUFFIX = "/classification";
    private static final byte[] BODY = "{\"errors\":[],\"messages\":[],\"success\":true}".getBytes(StandardCharsets.UTF_8);

    private static final AtomicLong REQUESTS = new AtomicLong();
    private static final String RAY_PREFIX =
            Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 8);

    public static void main(String[] args) throws IOException {
        // The properties ApiServer sets before the JDK's server classes load (read once, at that point).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        defaultProperty("sun.net.httpserver.maxReqTime", "10");
        defaultProperty("sun.net.httpserver.idleInterval", "30");
        defaultProperty("jdk.httpserver.maxConnections", "4096");
        defaultProperty("sun.net.httpserver.maxReqHeaders", "16384");
        defaultProperty("sun.net.httpserver.maxReqHeaderSize", "389120");

        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.createContext("/", TrivialPatch::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        System.out.println("trivial-patch listening on http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        // The same request id shape as ApiServer's: 8 random hex digits, a counter in hex, "-VGL".
        String requestId = RAY_PREFIX + Long.toHexString(REQUESTS.incrementAndGet()) + "-VGL";
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            boolean route = "PATCH".equals(exchange.getRequestMethod())
                    && path != null
                    && path.startsWith(BASE)
                    && path.endsWith(SUFFIX);
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json");
            headers.set("cf-ray", requestId);
            if (!route) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        }
    }
}
