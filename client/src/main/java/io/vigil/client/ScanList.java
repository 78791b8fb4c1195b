package io.vigil.client;

import java.util.List;

/** The most recent on-demand scans of an account or zone, newest first, and the account's quota. */
public record ScanList(List<Scan> scans, ScanQuota quota) {
    /** Copies {@code scans}. */
    public ScanList {
        scans = List.copyOf(scans);
    }
}
