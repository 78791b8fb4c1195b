package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.IssueType;
import io.vigil.scan.Scan;
import io.vigil.scan.ScanRequest;
import io.vigil.scan.ScanStatus;
import io.vigil.scan.ScanStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What every {@link ScanStore} must do; run once per database by its subclasses. */
abstract class ScanStoreContract {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant WINDOW_START = NOW.minus(Duration.ofHours(24));

    /** The store under test, over an empty database. */
    abstract ScanStore store();

    private int serial;

    private Scan scan(String accountId, @Nullable String zoneId, Instant startedAt) {
        return new Scan(
                "scan-" + serial++,
                accountId,
                zoneId,
                new ScanRequest.Everything(),
                ScanStatus.QUEUED,
                null,
                startedAt,
                "token:test");
    }

    private ScanStore.Admission start(Scan scan) {
        return store().start(scan, WINDOW_START, 5);
    }

    @Test
    void start_underTheLimit_isStored_andListedNewestFirst() {
        Scan first = scan(ACCOUNT, null, NOW.minusSeconds(60));
        Scan second = scan(ACCOUNT, ZONE, NOW.minusSeconds(30));
        assertThat(start(first)).isEqualTo(new ScanStore.Admission.Started());
        assertThat(start(second)).isEqualTo(new ScanStore.Admission.Started());
        assertThat(store().recent(ACCOUNT, null, 5)).containsExactly(second, first);
        assertThat(store().startedSince(ACCOUNT, WINDOW_START)).isEqualTo(2);
    }

    @Test
    void start_atTheLimit_isRefusedWithTheOldestStartInTheWindow_andStoresNothing() {
        for (int i = 0; i < 5; i++) {
            assertThat(start(scan(ACCOUNT, i % 2 == 0 ? null : ZONE, NOW.minusSeconds(3600 - i))))
                    .isEqualTo(new ScanStore.Admission.Started());
        }
        assertThat(start(scan(ACCOUNT, SIBLING_ZONE, NOW)))
                .isEqualTo(new ScanStore.Admission.Refused(NOW.minusSeconds(3600)));
        assertThat(store().recent(ACCOUNT, null, 10)).hasSize(5);
        // Another account has a quota of its own.
        assertThat(start(scan(OTHER_ACCOUNT, null, NOW))).isEqualTo(new ScanStore.Admission.Started());
    }

    @Test
    void scansOlderThanTheWindow_doNotCount_butAreStillListed() {
        for (int i = 0; i < 5; i++) {
            start(scan(ACCOUNT, null, WINDOW_START.minusSeconds(i)));
        }
        assertThat(store().startedSince(ACCOUNT, WINDOW_START)).isZero();
        assertThat(start(scan(ACCOUNT, null, NOW))).isEqualTo(new ScanStore.Admission.Started());
        assertThat(store().recent(ACCOUNT, null, 5)).hasSize(5);
    }

    @Test
    void recent_ofAZone_listsItsOwnAndTheAccountsScans_notASiblingZones() {
        Scan account = scan(ACCOUNT, null, NOW.minusSeconds(3));
        Scan zone = scan(ACCOUNT, ZONE, NOW.minusSeconds(2));
        Scan sibling = scan(ACCOUNT, SIBLING_ZONE, NOW.minusSeconds(1));
        List.of(account, zone, sibling).forEach(this::start);
        assertThat(store().recent(ACCOUNT, ZONE, 5)).containsExactly(zone, account);
        assertThat(store().recent(ACCOUNT, null, 2)).containsExactly(sibling, zone);
        assertThat(store().recent(OTHER_ACCOUNT, null, 5)).isEmpty();
    }

    @Test
    void everyKindOfRequestAndStatus_readsBackAsStored() {
        List<Scan> scans = List.of(
                new Scan(
                        "t",
                        ACCOUNT,
                        null,
                        new ScanRequest.OfType(IssueType.EMAIL_SECURITY),
                        ScanStatus.RUNNING,
                        null,
                        NOW.minusSeconds(3),
                        "a@example.com"),
                new Scan(
                        "c",
                        ACCOUNT,
                        ZONE,
                        new ScanRequest.OfClass("dnssec_disabled"),
                        ScanStatus.COMPLETED,
                        null,
                        NOW.minusSeconds(2),
                        "system"),
                new Scan(
                        "f",
                        ACCOUNT,
                        null,
                        new ScanRequest.Everything(),
                        ScanStatus.FAILED,
                        "scanner 'nmap' timed out after 300 s",
                        NOW.minusSeconds(1),
                        "token:x"));
        scans.forEach(this::start);
        assertThat(store().recent(ACCOUNT, null, 5)).containsExactlyElementsOf(scans.reversed());
    }

    /** Ten requests at once on one account: exactly five scans, whatever the interleaving. */
    @Test
    void concurrentStarts_neverExceedTheLimit() throws Exception {
        List<Callable<ScanStore.Admission>> starts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Scan scan = scan(ACCOUNT, i % 2 == 0 ? null : ZONE, NOW.minusMillis(i));
            starts.add(() -> start(scan));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            long started = 0;
            for (Future<ScanStore.Admission> result : pool.invokeAll(starts)) {
                started += result.get() instanceof ScanStore.Admission.Started ? 1 : 0;
            }
            assertThat(started).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().startedSince(ACCOUNT, WINDOW_START)).isEqualTo(5);
    }
}
