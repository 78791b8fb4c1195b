package io.vigil.http;

import com.sun.net.httpserver.Headers;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One incoming request as handlers see it: method, path parameters, headers, and a size-limited body
 * that is read only when asked for.
 */
public final class ApiRequest {
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final String method;
    private final String path;
    private final Headers headers;
    private final InputStream body;
    private final Map<String, String> params;
    private final @Nullable String rawQuery;
    private final Map<String, String> responseHeaders;

    ApiRequest(
            String method,
            String path,
            @Nullable String rawQuery,
            Headers headers,
            InputStream body,
            Map<String, String> params,
            Map<String, String> responseHeaders) {
        this.method = method;
        this.responseHeaders = responseHeaders;
        this.path = path;
        this.rawQuery = rawQuery;
        this.headers = headers;
        this.body = body;
        this.params = Map.copyOf(params);
    }

    /** Adds headers to whatever answers this request, error or not (e.g. the rate-limit headers). */
    void addResponseHeaders(Map<String, String> headers) {
        responseHeaders.putAll(headers);
    }

    public String method() {
        return method;
    }

    /** The path below the base path, as sent (not decoded). */
    public String path() {
        return path;
    }

    /** The query string, checked against the parameters the endpoint takes. */
    QueryParams query(java.util.Set<String> allowed) {
        return QueryParams.parse(rawQuery, allowed);
    }

    /** Whether the route has the path parameter {@code name}. */
    boolean hasParam(String name) {
        return params.containsKey(name);
    }

    /** A decoded path parameter; the route guarantees it is present. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return value;
    }

    /**
     * The single value of a header, or {@code null} if absent.
     *
     * @throws InvalidRequestException if the header is sent more than once
     */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_REQUEST_HEADERS,
                    "Invalid request headers: " + name + " must be sent once, not " + values.size() + " times");
        }
        return values.get(0);
    }

    /**
     * The body of a JSON request, at most {@link #MAX_BODY_BYTES}.
     *
     * @throws InvalidRequestException if it is not {@code application/json} or is too large
     */
    public byte[] jsonBody() {
        requireJsonContentType(header("Content-Type"));
        String declared = header("Content-Length");
        if (declared != null && isDigits(declared)) {
            if (declared.length() > 9 || Long.parseLong(declared) > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return exactly(Integer.parseInt(declared));
        }
        return jsonBodyUnchecked();
    }

    /** Whether {@code value} is one or more digits. */
    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** A body of declared length: read into an array of that size, not into growing 16 KiB buffers. */
    private byte[] exactly(int length) {
        try {
            byte[] bytes = body.readNBytes(length);
            if (bytes.length < length) {
                throw incomplete();
            }
            return bytes;
        } catch (IOException e) {
            throw incomplete();
        }
    }

    /** Like {@link #jsonBody()}, but an empty body reads as {@code {}}, with or without a content type. */
    byte[] optionalJsonBody() {
        if (header("Content-Type") == null) {
            if (jsonBodyUnchecked().length == 0) {
                return EMPTY_OBJECT.clone();
            }
            requireJsonContentType(null); // a body without a content type: 415
        }
        byte[] bytes = jsonBody();
        return bytes.length == 0 ? EMPTY_OBJECT.clone() : bytes;
    }

    private byte[] jsonBodyUnchecked() {
        try {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw incomplete();
        }
    }

    /** The client stopped sending (or was cut off by the read timeout) before the declared length. */
    private static InvalidRequestException incomplete() {
        return new InvalidRequestException(
                ErrorCode.BODY_INCOMPLETE,
                "request body ended before its Content-Length, or was not sent within the read timeout");
    }

    private static InvalidRequestException tooLarge() {
        return new InvalidRequestException(
                ErrorCode.BODY_TOO_LARGE, "request body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    /** Accepts {@code application/json}, with no parameter or {@code charset=utf-8}, in any letter case. */
    static void requireJsonContentType(@Nullable String contentType) {
        if (contentType == null) {
            throw new InvalidRequestException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json; none was sent");
        }
        if (contentType.equals("application/json")) {
            return; // what clients send: nothing to split
        }
        String[] parts = contentType.split(";", -1);
        boolean json = parts[0].strip().equalsIgnoreCase("application/json");
        boolean charsetOk = true;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (parameter.startsWith("charset=")) {
                charsetOk &= parameter.equals("charset=utf-8");
            }
        }
        if (!json || !charsetOk) {
            throw new InvalidRequestException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json (UTF-8); got '" + Messages.quote(contentType) + "'");
        }
    }
}
