package io.vigil.scanner;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.cli.ServerOptions;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.scan.Scan;
import io.vigil.scan.ScanRequest;
import io.vigil.scan.ScanSource;
import io.vigil.scan.ScanStatus;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.AuditTrail;
import io.vigil.testing.Insights;
import io.vigil.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a scan resolves, with real scanner processes applying to a real database: an insight a scanner reported in
 * the last scan of a scope and no longer reports is resolved by {@code system}, and nothing else is. Run once per
 * database by its subclasses.
 */
abstract class ScanResolutionContract {
    @TempDir
    Path dir;

    private Database database;
    private JdbcInsightStore store;
    private int serial;

    /** A database of its own for each test. */
    abstract Database open(Path dataDir);

    @BeforeEach
    void openStore() {
        database = open(dir.resolve("data"));
        store = Stores.insights(database);
    }

    @AfterEach
    void closeStore() {
        store.close();
        database.close();
    }

    @Test
    void aScannerNoLongerReportingAnInsight_resolvesIt_asSystem_andNothingElse() throws IOException {
        store.upsert(List.of(Insights.inAccount("hand-c", ACCOUNT))); // imported by hand: no scanner's
        prints("a", line("a-1", null), line("a-2", null), line("both", null));
        prints("b", line("b-1", null), line("both", null));
        assertThat(scan(null, "a", "b")).isNull();
        prints("only-b", line("gone-b", null));
        assertThat(scan(null, "only-b")).isNull();

        prints("a", line("a-1", null));
        prints("b", line("b-1", null), line("both", null));
        assertThat(scan(null, "a", "b")).isNull();

        assertThat(status("a-2")).isEqualTo(InsightStatus.RESOLVED);
        AuditEntry last = AuditTrail.of(database, ACCOUNT, "a-2").getLast();
        assertThat(last.fieldChanged()).isEqualTo(AuditField.STATUS);
        assertThat(last.previousValue()).isEqualTo("active");
        assertThat(last.currentValue()).isEqualTo("resolved");
        assertThat(last.changedBy()).isEqualTo(AuditEntry.SYSTEM);
        assertThat(status("a-1")).as("still reported").isEqualTo(InsightStatus.ACTIVE);
        assertThat(status("both")).as("another scanner still reports it").isEqualTo(InsightStatus.ACTIVE);
        assertThat(status("hand-c")).as("imported by hand").isEqualTo(InsightStatus.ACTIVE);
        assertThat(AuditTrail.of(database, ACCOUNT, "hand-c")).isEmpty();
        assertThat(status("gone-b"))
                .as("reported by a scanner that did not run in this scan")
                .isEqualTo(InsightStatus.ACTIVE);

        prints("b", line("b-1", null));
        assertThat(scan(null, "a", "b")).isNull();
        assertThat(status("both")).as("no scanner reports it any more").isEqualTo(InsightStatus.RESOLVED);
    }

    @Test
    void aFailedScan_resolvesNothing() throws IOException {
        prints("a", line("a-1", null), line("a-2", null));
        prints("b", line("b-1", null));
        assertThat(scan(null, "a", "b")).isNull();

        prints("a", line("a-1", null), "not json");
        assertThat(scan(null, "a", "b")).startsWith("scanner 'a' line 2 is not an insight of the import shape");
        prints("a", line("a-1", null));
        Files.writeString(dir.resolve("b.lines"), "exit 3"); // b's script reads this as its exit status
        assertThat(scan(null, "a", "b")).startsWith("scanner 'b' exited with status 3");
        assertThat(status("a-2")).as("no failed scan resolves").isEqualTo(InsightStatus.ACTIVE);
        assertThat(status("b-1")).isEqualTo(InsightStatus.ACTIVE);

        prints("b", line("b-1", null));
        assertThat(scan(null, "a", "b")).isNull();
        assertThat(status("a-2")).as("the next scan that completes").isEqualTo(InsightStatus.RESOLVED);
        assertThat(status("b-1")).isEqualTo(InsightStatus.ACTIVE);
    }

    @Test
    void aZoneScan_resolvesOnlyWhatItReportedInThatZone() throws IOException {
        prints("a", line("acct", null), line("zone-by-account-scan", ZONE), line("sibling", SIBLING_ZONE));
        assertThat(scan(null, "a")).isNull();
        prints("a", line("zone-1", ZONE), line("zone-2", ZONE));
        assertThat(scan(ZONE, "a")).isNull();

        prints("a", line("zone-1", ZONE));
        assertThat(scan(ZONE, "a")).isNull();
        assertThat(status("zone-2")).isEqualTo(InsightStatus.RESOLVED);
        assertThat(status("zone-by-account-scan"))
                .as("reported by the account's scan, not the zone's")
                .isEqualTo(InsightStatus.ACTIVE);
        assertThat(status("acct")).isEqualTo(InsightStatus.ACTIVE);
        assertThat(status("sibling")).isEqualTo(InsightStatus.ACTIVE);
        prints("a");
        assertThat(scan(SIBLING_ZONE, "a"))
                .as("the sibling zone's scan, first of its scope")
                .isNull();
        assertThat(status("sibling")).isEqualTo(InsightStatus.ACTIVE);

        prints("a", line("zone-by-account-scan", ZONE));
        assertThat(scan(null, "a")).isNull();
        assertThat(status("acct")).isEqualTo(InsightStatus.RESOLVED);
        assertThat(status("sibling")).isEqualTo(InsightStatus.RESOLVED);
        assertThat(status("zone-1")).as("reported by the zone's scan").isEqualTo(InsightStatus.ACTIVE);
    }

    @Test
    void anInsightReportedAgain_isOpenAgainOnlyIfPrintedOpen() throws IOException {
        prints("a", line("a-1", null));
        assertThat(scan(null, "a")).isNull();
        prints("a");
        assertThat(scan(null, "a")).isNull();
        assertThat(status("a-1")).isEqualTo(InsightStatus.RESOLVED);
        int entries = AuditTrail.of(database, ACCOUNT, "a-1").size();

        prints("a", line("a-1", null).replace("\"active\"", "\"resolved\""));
        assertThat(scan(null, "a")).isNull();
        assertThat(status("a-1")).isEqualTo(InsightStatus.RESOLVED);
        assertThat(AuditTrail.of(database, ACCOUNT, "a-1")).hasSize(entries);

        prints("a", line("a-1", null));
        assertThat(scan(null, "a")).isNull();
        assertThat(status("a-1")).isEqualTo(InsightStatus.ACTIVE);
        AuditEntry reopened = AuditTrail.of(database, ACCOUNT, "a-1").getLast();
        assertThat(reopened.previousValue()).isEqualTo("resolved");
        assertThat(reopened.currentValue()).isEqualTo("active");
        assertThat(reopened.changedBy()).isEqualTo(AuditEntry.SYSTEM);
    }

    @Test
    void aScanOfOneKind_resolvesOnlyThatKind() throws IOException {
        String exposed = line("exposed", null).replace("insecure_configuration", "exposed_infrastructure");
        prints("a", line("insecure", null), exposed);
        assertThat(scan(null, "a")).isNull();

        prints("a");
        assertThat(scan(null, new ScanRequest.OfType(IssueType.INSECURE_CONFIGURATION), "a"))
                .isNull();
        assertThat(status("insecure")).isEqualTo(InsightStatus.RESOLVED);
        assertThat(status("exposed")).as("not of the kind scanned").isEqualTo(InsightStatus.ACTIVE);

        assertThat(scan(null, "a")).isNull();
        assertThat(status("exposed"))
                .as("still remembered for the next scan of every kind")
                .isEqualTo(InsightStatus.RESOLVED);
    }

    /** Sets what scanner {@code name} prints at its next runs. */
    private void prints(String name, String... lines) throws IOException {
        Files.writeString(dir.resolve(name + ".lines"), String.join("\n", lines) + "\n");
    }

    private static String line(String id, @Nullable String zone) {
        return "{\"id\":\"" + id + "\",\"account_id\":\"" + ACCOUNT + "\""
                + (zone == null ? "" : ",\"zone_id\":\"" + zone + "\"")
                + ",\"issue_class\":\"dnssec_disabled\",\"issue_type\":\"insecure_configuration\","
                + "\"severity\":\"Low\",\"subject\":\"" + id + ".example.com\",\"status\":\"active\"}";
    }

    private @Nullable String scan(@Nullable String zone, String... names) {
        return scan(zone, new ScanRequest.Everything(), names);
    }

    /** Runs a scan of the account (or of {@code zone}) with the scanners {@code names}; its failure, or null. */
    private @Nullable String scan(@Nullable String zone, ScanRequest request, String... names) {
        List<Scanner> scanners = new ArrayList<>();
        for (String name : names) {
            Path lines = dir.resolve(name + ".lines");
            String script = "case \"$(head -c 5 \"$1\")\" in 'exit ') exit \"$(cut -c6- \"$1\")\" ;; esac; cat \"$1\"";
            scanners.add(new Scanner(
                    name, List.of("/bin/sh", "-c", script, name, lines.toString()), Duration.ofSeconds(10), 1 << 20));
        }
        ScanSource source = new ScannerSource(scanners, ServerOptions::scannedLine, store);
        Scan scan = new Scan(
                "scan-" + serial++, ACCOUNT, zone, request, ScanStatus.RUNNING, null, Instant.now(), "token:test");
        return source.run(scan).failure();
    }

    private InsightStatus status(String id) {
        return store.get(new Scope.Account(ACCOUNT), id).map(Insight::status).orElseThrow();
    }
}
