package io.vigil.scan;

/**
 * Where a scan stands. It only moves forward: {@code QUEUED → RUNNING → COMPLETED | FAILED}, and a queued scan
 * may also fail without running (its node stopped, its sources could not start). A finished scan never moves
 * again.
 *
 * <p>Cloudflare's schema knows two values, {@code in_progress} and {@code completed}: a scan not finished is
 * {@code in_progress} there, and a failed one is {@code completed} (it ended; Vigil says how in its own field).
 */
public enum ScanStatus {
    /** Started by a request; no source has run yet. */
    QUEUED("queued", "in_progress"),
    /** Its sources are running. */
    RUNNING("running", "in_progress"),
    /** Every source ran and what they found was applied. */
    COMPLETED("completed", "completed"),
    /** It ended without applying its findings; the scan carries the reason. */
    FAILED("failed", "completed");

    private final String storedName;
    private final String wireName;

    ScanStatus(String storedName, String wireName) {
        this.storedName = storedName;
        this.wireName = wireName;
    }

    /** The value of the {@code scans.status} column. */
    public String storedName() {
        return storedName;
    }

    /** The value of Cloudflare's {@code status} field. */
    public String wireName() {
        return wireName;
    }

    /** Whether a scan in this status has ended. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }

    /** Whether a scan may move from this status to {@code next}: only forward, never out of a finished one. */
    public boolean canMoveTo(ScanStatus next) {
        return switch (this) {
            case QUEUED -> next != QUEUED;
            case RUNNING -> next.finished();
            case COMPLETED, FAILED -> false;
        };
    }

    /** The status stored as {@code name}. */
    public static ScanStatus ofStored(String name) {
        for (ScanStatus status : values()) {
            if (status.storedName.equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("not a scan status: " + name);
    }
}
