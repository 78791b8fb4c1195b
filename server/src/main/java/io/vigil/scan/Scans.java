package io.vigil.scan;

import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import io.vigil.error.RateLimitedException;
import io.vigil.tenant.Directory;
import io.vigil.tenant.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Every scan operation a handler calls: start one (within the account's quota) and list the recent ones. A zone's
 * scans count against its account, which the {@link Directory} knows once insights of the zone were imported or
 * synced. Thread-safe, as its store is.
 */
public final class Scans {
    private final ScanStore store;
    private final Directory directory;
    private final InstantSource clock;
    private final Supplier<String> ids;

    public Scans(ScanStore store, Directory directory, InstantSource clock, Supplier<String> ids) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Starts a scan of {@code scope}, queued for its sources to run.
     *
     * @throws NotFoundException for a zone whose account is not known
     * @throws RateLimitedException when the account started {@link ScanQuota#LIMIT} scans in the last {@link
     *     ScanQuota#WINDOW}; {@code Retry-After} says when the oldest of them leaves the window
     */
    public Scan start(Scope scope, ScanRequest request, String actor) {
        String accountId = accountOf(scope);
        Instant now = clock.instant();
        Scan scan = new Scan(ids.get(), accountId, zoneOf(scope), request, ScanStatus.QUEUED, null, now, actor);
        return switch (store.start(scan, now.minus(ScanQuota.WINDOW), ScanQuota.LIMIT)) {
            case ScanStore.Admission.Started started -> scan;
            case ScanStore.Admission.Refused refused -> throw quotaSpent(accountId, now, refused.oldestInWindow());
        };
    }

    /** The newest scans of {@code scope} (a zone's own and its account's), and its account's quota. */
    public RecentScans recent(Scope scope) {
        String accountId = accountOf(scope);
        Instant windowStart = clock.instant().minus(ScanQuota.WINDOW);
        return new RecentScans(
                store.recent(accountId, zoneOf(scope), RecentScans.MAX),
                ScanQuota.of(store.startedSince(accountId, windowStart)));
    }

    private String accountOf(Scope scope) {
        return switch (scope) {
            case Scope.Account account -> account.id();
            case Scope.Zone zone ->
                directory.zones(Set.of(), Set.of(zone.id()), null).stream()
                        .findFirst()
                        .map(found -> found.account().id())
                        .orElseThrow(() -> new NotFoundException(
                                ErrorCode.ZONE_NOT_FOUND,
                                "zone '" + zone.id() + "' not found: a zone's scans count against its account, which"
                                        + " Vigil knows once insights of the zone are imported or synced"));
        };
    }

    private static @Nullable String zoneOf(Scope scope) {
        return switch (scope) {
            case Scope.Account account -> null;
            case Scope.Zone zone -> zone.id();
        };
    }

    /** The 429: Cloudflare's rate-limit code, and the whole seconds until the oldest scan leaves the window. */
    private static RateLimitedException quotaSpent(String accountId, Instant now, Instant oldest) {
        Duration wait = Duration.between(now, oldest.plus(ScanQuota.WINDOW));
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new RateLimitedException(
                "scan quota spent: account '" + accountId + "' started " + ScanQuota.LIMIT
                        + " scans in the last 24 hours, the most allowed; the next may start in " + seconds
                        + " seconds",
                Map.of("Retry-After", Long.toString(seconds)));
    }
}
