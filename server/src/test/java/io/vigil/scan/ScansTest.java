package io.vigil.scan;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.error.ErrorCode;
import io.vigil.error.NotFoundException;
import io.vigil.error.RateLimitedException;
import io.vigil.store.Database;
import io.vigil.store.JdbcDirectory;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcScanStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quota and the zone-to-account rule, on a real SQLite store, with time driven by the test. */
class ScansTest {
    private static final String UNKNOWN_ZONE = "e".repeat(32);

    @TempDir
    Path dataDir;

    private Database database;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T09:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();
    private Scans scans;

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
        try (JdbcInsightStore store = Stores.insights(database)) {
            Stores.service(store).importInsights(List.of(Insights.inZone("z", ACCOUNT, ZONE)));
        }
        scans = new Scans(
                new JdbcScanStore(database), new JdbcDirectory(database), now::get, () -> "s" + ids.incrementAndGet());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void advance(Duration by) {
        now.set(now.get().plus(by));
    }

    @Test
    void start_queuesTheScan_withItsAccount_evenOnAZonePath() {
        Scan scan = scans.start(new Scope.Zone(ZONE), new ScanRequest.Everything(), "token:t");
        assertThat(scan)
                .isEqualTo(new Scan(
                        "s1",
                        ACCOUNT,
                        ZONE,
                        new ScanRequest.Everything(),
                        ScanStatus.QUEUED,
                        null,
                        now.get(),
                        "token:t"));
        assertThat(scans.recent(new Scope.Account(ACCOUNT)))
                .isEqualTo(new RecentScans(List.of(scan), new ScanQuota(1, 4)));
    }

    @Test
    void sixthScanInADay_isRefusedUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 5; i++) {
            scans.start(i < 2 ? new Scope.Account(ACCOUNT) : new Scope.Zone(ZONE), new ScanRequest.Everything(), "t");
            advance(Duration.ofHours(1));
        }
        // The first started 5 hours ago: it leaves the window in 19 hours.
        assertThatThrownBy(() -> scans.start(new Scope.Account(ACCOUNT), new ScanRequest.Everything(), "t"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.headers()).isEqualTo(Map.of("Retry-After", "68400"));
                    assertThat(e.getMessage())
                            .isEqualTo("scan quota spent: account '" + ACCOUNT + "' started 5 scans in the last 24"
                                    + " hours, the most allowed; the next may start in 68400 seconds");
                });
        assertThat(scans.recent(new Scope.Zone(ZONE)).quota()).isEqualTo(new ScanQuota(5, 0));
        advance(Duration.ofHours(19).minusMillis(1));
        assertThatThrownBy(() -> scans.start(new Scope.Zone(ZONE), new ScanRequest.Everything(), "t"))
                .isInstanceOfSatisfying(
                        RateLimitedException.class, e -> assertThat(e.headers()).containsEntry("Retry-After", "1"));
        advance(Duration.ofMillis(1));
        assertThat(scans.start(new Scope.Zone(ZONE), new ScanRequest.Everything(), "t")
                        .status())
                .isEqualTo(ScanStatus.QUEUED);
        assertThat(scans.recent(new Scope.Account(ACCOUNT)).quota()).isEqualTo(new ScanQuota(5, 0));
        assertThat(scans.recent(new Scope.Account(ACCOUNT)).scans()).hasSize(RecentScans.MAX);
    }

    @Test
    void aZoneWhoseAccountIsUnknown_isNotFound_andNothingIsStored() {
        for (Runnable call : List.<Runnable>of(
                () -> scans.start(new Scope.Zone(UNKNOWN_ZONE), new ScanRequest.Everything(), "t"),
                () -> scans.recent(new Scope.Zone(UNKNOWN_ZONE)))) {
            assertThatThrownBy(call::run)
                    .isInstanceOfSatisfying(
                            NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ZONE_NOT_FOUND));
        }
        assertThat(scans.recent(new Scope.Account(ACCOUNT)).scans()).isEmpty();
    }

    @Test
    void anAccountWithNothingImported_canStartScans() {
        Scope.Account fresh = new Scope.Account("f".repeat(32));
        scans.start(fresh, new ScanRequest.OfClass("dnssec_disabled"), "t");
        assertThat(scans.recent(fresh).quota()).isEqualTo(new ScanQuota(1, 4));
    }
}
