package io.vigil.http;

import com.sun.net.httpserver.HttpExchange;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * The request limits checked before routing: URL length, header count and header size. The body limit is
 * {@link ApiRequest#MAX_BODY_BYTES}; the socket-level limits (read and idle timeouts, connections) are the
 * JDK server's, set in {@link ApiServer}.
 */
final class Limits {
    /** The longest request target (path and query) accepted, in characters. */
    static final int MAX_URL = 8 * 1024;

    /** The most request header fields accepted. */
    static final int MAX_HEADERS = 100;

    /** The most bytes of header names and values accepted, in all. */
    static final int MAX_HEADER_BYTES = 32 * 1024;

    private Limits() {}

    static void check(HttpExchange exchange) {
        String target = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        int length = (target == null ? 0 : target.length()) + (query == null ? 0 : query.length() + 1);
        if (length > MAX_URL) {
            throw new InvalidRequestException(
                    ErrorCode.URI_TOO_LONG, "request URL is " + length + " characters long; the limit is " + MAX_URL);
        }
        int fields = 0;
        long bytes = 0;
        for (Map.Entry<String, List<String>> header :
                exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                fields++;
                bytes += header.getKey().length() + value.length();
            }
        }
        if (fields > MAX_HEADERS) {
            throw new InvalidRequestException(
                    ErrorCode.HEADERS_TOO_LARGE,
                    "request has " + fields + " header fields; the limit is " + MAX_HEADERS);
        }
        if (bytes > MAX_HEADER_BYTES) {
            throw new InvalidRequestException(
                    ErrorCode.HEADERS_TOO_LARGE,
                    "request headers are " + bytes + " bytes long; the limit is " + MAX_HEADER_BYTES);
        }
    }
}
