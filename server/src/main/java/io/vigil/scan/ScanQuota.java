package io.vigil.scan;

import java.time.Duration;

/**
 * How many scans an account started in the current window and how many it may still start: at most {@link
 * #LIMIT} per account in any {@link #WINDOW} (rolling), account and zone scans alike.
 */
public record ScanQuota(int used, int available) {
    /** Cloudflare's limit: "5 scans per account per 24-hour window (shared with account-level scans)". */
    public static final int LIMIT = 5;

    public static final Duration WINDOW = Duration.ofHours(24);

    public ScanQuota {
        if (used < 0 || available < 0 || available > LIMIT) {
            throw new IllegalArgumentException("quota used " + used + ", available " + available);
        }
    }

    /** The quota of an account that started {@code used} scans in the window. */
    public static ScanQuota of(int used) {
        return new ScanQuota(used, Math.max(0, LIMIT - used));
    }
}
