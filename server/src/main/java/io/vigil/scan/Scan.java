package io.vigil.scan;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One on-demand scan: of an account and all its zones ({@code zoneId} null), or of one zone of the account.
 *
 * @param id opaque, unique (a UUIDv7: later scans sort after earlier ones)
 * @param startedAt when it was requested: what the quota counts and Cloudflare's {@code started_at} shows
 * @param startedBy who requested it, as change-log entries name callers ({@code token:<id>}, an email)
 * @param reason why it failed; present exactly when {@code status} is {@link ScanStatus#FAILED}
 */
public record Scan(
        String id,
        String accountId,
        @Nullable String zoneId,
        ScanRequest request,
        ScanStatus status,
        @Nullable String reason,
        Instant startedAt,
        String startedBy) {
    public Scan {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(accountId, "accountId == null");
        Objects.requireNonNull(request, "request == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(startedAt, "startedAt == null");
        Objects.requireNonNull(startedBy, "startedBy == null");
        if ((status == ScanStatus.FAILED) != (reason != null)) {
            throw new IllegalArgumentException(
                    "a reason is given exactly for a failed scan: " + status + ", " + reason);
        }
    }
}
