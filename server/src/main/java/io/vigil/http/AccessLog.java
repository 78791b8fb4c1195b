package io.vigil.http;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on logger {@code io.vigil.access}: what the path is ({@code api}, {@code console},
 * {@code health} or {@code other}), method, path, status, request id (the {@code cf-ray} header the client
 * got) and the time taken to answer. Never the query, a header or a body, so never a secret; the path is cut
 * short and stripped of anything unprintable so a hostile URL cannot forge or flood log lines.
 *
 * <p>The same facts travel as key-value pairs ({@code request_id}, {@code method}, {@code route} — the route
 * template, not the path —, {@code status}, {@code duration_ms}), which the JSON log format writes as fields
 * of their own ({@code VIGIL_LOG_FORMAT=json}, see {@code io.vigil.logging}).
 */
final class AccessLog {
    /** The key of the request id in the MDC while a request is handled, and in the access line. */
    static final String REQUEST_ID = "request_id";

    private static final Logger LOG = LoggerFactory.getLogger("io.vigil.access");
    private static final int MAX_PATH = 200;

    private AccessLog() {}

    static void log(
            String requestId, String requestMethod, @Nullable String path, String route, int status, long nanos) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        long micros = nanos / 1_000;
        String method = printable(requestMethod, 16);
        LOG.atInfo()
                .addKeyValue(REQUEST_ID, requestId)
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", micros / 1000.0)
                .log(
                        "{} {} {} {} {} {}.{}ms",
                        kind(path),
                        method,
                        printable(path, MAX_PATH),
                        status,
                        requestId,
                        micros / 1000,
                        (micros % 1000) / 100);
    }

    /** What a path is: so API calls, the console's files and health checks can be told apart. */
    static String kind(@Nullable String rawPath) {
        if (rawPath == null) {
            return "other";
        }
        if (rawPath.startsWith(ApiServer.BASE_PATH + "/")) {
            return "api";
        }
        if (ConsoleAssets.owns(rawPath)) {
            return "console";
        }
        return rawPath.equals(ApiServer.LIVENESS_PATH) || rawPath.equals(ApiServer.READINESS_PATH) ? "health" : "other";
    }

    static String printable(@Nullable String value, int max) {
        if (value == null) {
            return "-";
        }
        if (value.length() <= max && isPrintable(value)) {
            return value; // the usual case: nothing to replace or cut, so nothing to copy
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 1));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(isPrintable(c) ? c : '?');
        }
        if (value.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    private static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isPrintable(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintable(char c) {
        return c > 0x20 && c < 0x7f;
    }
}
