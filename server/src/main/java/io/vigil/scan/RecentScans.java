package io.vigil.scan;

import java.util.List;

/** What {@code GET …/insights/scans} answers: the most recent scans, newest first, and the account's quota. */
public record RecentScans(List<Scan> scans, ScanQuota quota) {
    /** Cloudflare's "up to a maximum of 5". */
    public static final int MAX = 5;

    public RecentScans {
        scans = List.copyOf(scans);
    }
}
