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

    // --- running scans (issue 31, part 2) ---------------------------------------------------------------------

    private Scan running(Scan scan) {
        return new Scan(
                scan.id(),
                scan.accountId(),
                scan.zoneId(),
                scan.request(),
                ScanStatus.RUNNING,
                null,
                scan.startedAt(),
                scan.startedBy());
    }

    @Test
    void claim_takesTheOldestQueuedScan_once() {
        Scan older = scan(ACCOUNT, null, NOW.minusSeconds(2));
        Scan newer = scan(ACCOUNT, ZONE, NOW.minusSeconds(1));
        start(newer);
        start(older);
        Instant until = NOW.plusSeconds(600);
        assertThat(store().claim("node-a", NOW, until)).contains(new ScanStore.Claim(running(older), 1));
        assertThat(store().claim("node-b", NOW, until)).contains(new ScanStore.Claim(running(newer), 1));
        assertThat(store().claim("node-a", NOW, until)).isEmpty();
        assertThat(store().recent(ACCOUNT, null, 5)).extracting(Scan::status).containsOnly(ScanStatus.RUNNING);
    }

    @Test
    void aClaimThatEnded_isTakenOver_andOnlyTheNewHolderMayEndTheScan() {
        Scan scan = scan(ACCOUNT, null, NOW.minusSeconds(60));
        start(scan);
        store().claim("node-a", NOW.minusSeconds(30), NOW.minusSeconds(1)); // node-a stopped: its claim ended
        assertThat(store().renew(scan.id(), "node-a", NOW.plusSeconds(600))).isTrue(); // not taken over yet
        assertThat(store().claim("node-b", NOW.plusSeconds(601), NOW.plusSeconds(1200)))
                .contains(new ScanStore.Claim(running(scan), 2));
        assertThat(store().renew(scan.id(), "node-a", NOW.plusSeconds(1800))).isFalse();
        assertThat(store().finish(scan.id(), "node-a", ScanStatus.COMPLETED, null, NOW))
                .isFalse();
        assertThat(store().finish(scan.id(), "node-b", ScanStatus.FAILED, "scanner 'x' exited with 2", NOW))
                .isTrue();
        assertThat(store().recent(ACCOUNT, null, 1).get(0).reason()).isEqualTo("scanner 'x' exited with 2");
        // A finished scan is never claimed, renewed or ended again.
        assertThat(store().claim("node-c", NOW.plusSeconds(9999), NOW.plusSeconds(99999)))
                .isEmpty();
        assertThat(store().finish(scan.id(), "node-b", ScanStatus.COMPLETED, null, NOW))
                .isFalse();
    }

    /** Eight nodes claiming at once: each of five queued scans goes to exactly one of them. */
    @Test
    void concurrentClaims_giveEachScanToOneNode() throws Exception {
        for (int i = 0; i < 5; i++) {
            start(scan(ACCOUNT, null, NOW.minusSeconds(i)));
        }
        List<Callable<List<String>>> nodes = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            String node = "node-" + n;
            nodes.add(() -> {
                List<String> claimed = new ArrayList<>();
                for (int tries = 0; tries < 10; tries++) {
                    store().claim(node, NOW, NOW.plusSeconds(600))
                            .ifPresent(c -> claimed.add(c.scan().id()));
                }
                return claimed;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<String> all = new ArrayList<>();
        try {
            for (Future<List<String>> claimed : pool.invokeAll(nodes)) {
                all.addAll(claimed.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
    }
}
