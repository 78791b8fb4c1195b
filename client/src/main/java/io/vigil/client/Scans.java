package io.vigil.client;

/**
 * The on-demand scans of an account or zone ({@code …/security-center/insights/scans}). An account may start 5 in any
 * 24 hours, its zones' included; the sixth is a {@link RateLimitedException}. Thread-safe.
 */
public final class Scans {
    private final Http http;
    private final String path;

    Scans(Http http, String scopePath) {
        this.http = http;
        this.path = scopePath + "/security-center/insights/scans";
    }

    /** Starts a scan of every issue type; its id. Never retried: a repeat would start, and count, a second scan. */
    public String start() {
        return start(ScanRequest.EVERYTHING);
    }

    /** Starts a scan of what {@code request} names; its id. Never retried. */
    public String start(ScanRequest request) {
        return http.result(Call.post(path, request.body())).path("scan_id").asText();
    }

    /** The most recent scans, newest first, and the account's quota. */
    public ScanList list() {
        return Json.read(http.result(Call.get(path)), ScanList.class);
    }
}
