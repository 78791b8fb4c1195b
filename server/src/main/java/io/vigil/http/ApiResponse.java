package io.vigil.http;

import java.util.Map;

/** A response ready to send: status, JSON body bytes, and any headers beyond {@code Content-Type}. */
public final class ApiResponse {
    private final int status;
    private final byte[] body;
    private final Map<String, String> headers;

    ApiResponse(int status, byte[] body, Map<String, String> headers) {
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    static ApiResponse ok(byte[] body) {
        return new ApiResponse(200, body, Map.of());
    }

    public int status() {
        return status;
    }

    /** The body; shared, not copied: callers must not modify it. */
    byte[] body() {
        return body;
    }

    /** Extra headers, e.g. {@code x-should-retry}. */
    public Map<String, String> headers() {
        return headers;
    }
}
