package io.vigil.http;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code io.vigil.access}: request id (the {@code cf-ray} header the client
 * got), method, path, status and time. Never the query, a header or a body, so never a secret; the path is
 * cut short and stripped of anything unprintable so a hostile URL cannot forge or flood log lines.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.vigil.access");
    private static final int MAX_PATH = 200;

    private AccessLog() {}

    static void log(String requestId, HttpExchange exchange, long startedNanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long micros = (System.nanoTime() - startedNanos) / 1_000;
        LOG.info(
                "{} {} {} {} {}.{}ms",
                requestId,
                printable(exchange.getRequestMethod(), 16),
                printable(exchange.getRequestURI().getRawPath(), MAX_PATH),
                exchange.getResponseCode(),
                micros / 1000,
                (micros % 1000) / 100);
    }

    static String printable(String value, int max) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 1));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        if (value.length() > max) {
            out.append('…');
        }
        return out.toString();
    }
}
