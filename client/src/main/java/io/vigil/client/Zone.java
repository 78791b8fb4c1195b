package io.vigil.client;

/** Cloudflare's Insights operations on one zone. Thread-safe. */
public final class Zone {
    private final Http http;
    private final String path;

    Zone(Http http, String zoneId) {
        this.http = http;
        this.path = "/zones/" + Query.encode(zoneId);
    }

    /** The zone's insights. */
    public ZoneInsights insights() {
        return new ZoneInsights(http, path);
    }

    /** The zone's on-demand scans (counted against its account's quota). */
    public Scans scans() {
        return new Scans(http, path);
    }
}
