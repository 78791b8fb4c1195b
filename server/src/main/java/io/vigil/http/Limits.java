package io.vigil.http;

import com.sun.net.httpserver.HttpExchange;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * The request limits checked before routing: URL length, header count and header size. The body limit is
 * {@link ApiRequest#MAX_BODY_BYTES}; the socket-level limits (read and idle timeouts, connections, the JDK's
 * own header caps far above these) are the JDK server's, set in {@link ApiServer}.
 */
final class Limits {
    /** The longest request target (path and query) accepted, in characters. */
    static final int MAX_URL = 8 * 1024;

    /** The most request header fields accepted. */
    static final int MAX_HEADERS = 100;

    /** The most bytes of header names and values accepted, in all. */
    static final int MAX_HEADER_BYTES = 32 * 1024;

    /**
     * The JDK server's own cap on a request's header section ({@code sun.net.httpserver.maxReqHeaderSize}),
     * counting each field line's characters plus about 32: 380 KiB, its default, set explicitly so that it
     * cannot move under the documented figures. Past it the JDK closes the connection without an answer; below
     * it, every request over {@link #MAX_HEADERS} or {@link #MAX_HEADER_BYTES} gets Vigil's 431. It admits
     * fewer than 11,200 fields (of two characters, {@code a:}); 7,950 of 16 characters, but not 8,000
     * (measured: {@code bench/headers/HeaderFields.java}).
     */
    static final int JDK_MAX_HEADER_SECTION = 380 * 1024;

    /**
     * The JDK server's own cap on distinct header names ({@code sun.net.httpserver.maxReqHeaders}, 200 by
     * default): set above the most fields {@link #JDK_MAX_HEADER_SECTION} admits, so that it never answers
     * first — at its default, 201 distinct names were a closed connection instead of a 431 (issue 21).
     */
    static final int JDK_MAX_HEADER_NAMES = 16 * 1024;

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
