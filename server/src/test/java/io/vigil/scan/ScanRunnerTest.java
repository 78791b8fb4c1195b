package io.vigil.scan;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.Database;
import io.vigil.store.JdbcDirectory;
import io.vigil.store.JdbcScanStore;
import io.vigil.tenant.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan job's rounds on a real SQLite store: queued scans run once and end, never inside a request. */
class ScanRunnerTest {
    private static final Scope ACCOUNT_SCOPE = new Scope.Account(ACCOUNT);

    @TempDir
    Path dataDir;

    private Database database;
    private JdbcScanStore store;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T09:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();
    private Scans scans;

    @BeforeEach
    void open() {
        database = Database.open(dataDir);
        store = new JdbcScanStore(database);
        scans = new Scans(store, new JdbcDirectory(database), now::get, () -> "s" + ids.incrementAndGet());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ScanStatus status(String id) {
        return scans.recent(ACCOUNT_SCOPE).scans().stream()
                .filter(scan -> scan.id().equals(id))
                .findFirst()
                .orElseThrow()
                .status();
    }

    @Test
    void round_runsEachQueuedScanOnce_andRecordsHowItEnded() {
        String ok =
                scans.start(ACCOUNT_SCOPE, new ScanRequest.Everything(), "t").id();
        String bad = scans.start(ACCOUNT_SCOPE, new ScanRequest.OfClass("broken"), "t")
                .id();
        String thrown = scans.start(ACCOUNT_SCOPE, new ScanRequest.OfClass("throws"), "t")
                .id();
        List<String> ran = new ArrayList<>();
        ScanRunner runner = new ScanRunner(
                store,
                scan -> {
                    ran.add(scan.id());
                    assertThat(status(scan.id())).isEqualTo(ScanStatus.RUNNING);
                    String issueClass = scan.request() instanceof ScanRequest.OfClass c ? c.issueClass() : "";
                    if (issueClass.equals("throws")) {
                        throw new IllegalStateException("scanner 'demo' could not start");
                    }
                    return issueClass.equals("broken")
                            ? ScanSource.Outcome.failed("scanner 'demo' printed garbage at line 1")
                            : ScanSource.Outcome.COMPLETED;
                },
                now::get,
                "node-a");
        assertThat(runner.round()).isEqualTo(3);
        assertThat(ran).containsExactly(ok, bad, thrown);
        assertThat(runner.round()).isZero();
        assertThat(status(ok)).isEqualTo(ScanStatus.COMPLETED);
        assertThat(status(bad)).isEqualTo(ScanStatus.FAILED);
        assertThat(status(thrown)).isEqualTo(ScanStatus.FAILED);
        assertThat(scans.recent(ACCOUNT_SCOPE).scans())
                .extracting(Scan::reason)
                .containsExactly("scanner 'demo' could not start", "scanner 'demo' printed garbage at line 1", null);
    }

    @Test
    void aScanWhoseNodeKeepsStopping_failsAfterThreeRuns_insteadOfStayingRunning() {
        String id =
                scans.start(ACCOUNT_SCOPE, new ScanRequest.Everything(), "t").id();
        for (int run = 1; run <= ScanRunner.MAX_ATTEMPTS; run++) { // a node claims it and dies, three times
            assertThat(store.claim("node-" + run, now.get(), now.get().plus(ScanRunner.CLAIM)))
                    .isPresent();
            now.set(now.get().plus(ScanRunner.CLAIM).plus(Duration.ofSeconds(1)));
        }
        ScanRunner runner = new ScanRunner(
                store,
                scan -> {
                    throw new AssertionError("not run a fourth time");
                },
                now::get,
                "node-b");
        assertThat(runner.round()).isEqualTo(1);
        Scan failed = scans.recent(ACCOUNT_SCOPE).scans().get(0);
        assertThat(failed.id()).isEqualTo(id);
        assertThat(failed.status()).isEqualTo(ScanStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("the node running it stopped 3 times before it ended; not run again");
    }
}
