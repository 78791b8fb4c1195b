// A webhook receiver for bench/webhooks/run.sh, run with `java Receiver.java PORT MODE` (JDK 17+, no build):
// MODE ok answers every delivery 204 at once and records its lag (arrival minus the change's "timestamp");
// MODE hang holds every delivery for 60 s (past Vigil's 10 s answer timeout) and then answers 504.
// GET /stats answers "count N p50_ms X p99_ms Y max_ms Z" of what arrived since the last GET /reset; it does not verify
// signatures (WebhookDeliveryTest does, with the Standard Webhooks library): it measures.

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Receiver {
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    private static final List<Long> LAGS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean hang = args[1].equals("hang");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.currentTimeMillis();
            if (hang) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(504, -1);
                exchange.close();
                return;
            }
            Matcher m = TIMESTAMP.matcher(new String(body, StandardCharsets.UTF_8));
            if (m.find()) {
                long lag = now - Instant.parse(m.group(1)).toEpochMilli();
                synchronized (LAGS) {
                    LAGS.add(lag);
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/stats", exchange -> {
            List<Long> window;
            synchronized (LAGS) {
                window = new ArrayList<>(LAGS);
            }
            Collections.sort(window);
            String line = window.isEmpty()
                    ? "count 0 p50_ms 0 p99_ms 0 max_ms 0\n"
                    : "count " + window.size() + " p50_ms " + at(window, 0.50) + " p99_ms " + at(window, 0.99)
                            + " max_ms " + window.get(window.size() - 1) + "\n";
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext("/reset", exchange -> {
            synchronized (LAGS) {
                LAGS.clear();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.println("receiving on " + port + " (" + args[1] + ")");
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
