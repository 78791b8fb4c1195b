package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightPage;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import io.vigil.testing.AuditTrail;
import io.vigil.testing.Dataset;
import io.vigil.testing.Insights;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk imports on a real SQLite file: the indexes and triggers come back exactly, the tallies are exact,
 * lists and counts agree, status changes are audited, and an import that never finished is completed by
 * the next open.
 */
class BulkLoadTest {
    private static final List<Insight> DATA = Dataset.insights(300);

    @TempDir
    Path dataDir;

    @Test
    void bulkImport_recreatesTheSchemaAndExactTallies_listsAndCountsAgree() {
        List<String> schema;
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            schema = schema(database);
            BulkLoad load = BulkLoad.begin(database);
            assertThat(schema(database)).as("during the load").hasSizeLessThan(schema.size());
            Stores.service(store).importInsights(DATA.subList(0, 120));
            assertTalliesExact(database); // counted by the store while the insert trigger is gone
            Stores.service(store).importInsights(DATA.subList(120, DATA.size()));
            load.close();
            assertThat(schema(database)).isEqualTo(schema);
            assertConsistent(database, store, DATA);
        }
    }

    /**
     * Another process opened the database during the load and recreated the indexes: the load still ends with
     * a write of its own (a durable commit after its unsynced batches), and the schema is whole.
     */
    @Test
    void bulkLoad_whoseIndexesAnotherOpenRecreated_stillEndsWithACommitOfItsOwn() {
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            List<String> schema = schema(database);
            BulkLoad load = BulkLoad.begin(database);
            Stores.service(store).importInsights(DATA);
            assertThat(BulkLoad.restore(database))
                    .as("what another process's open does")
                    .isTrue();
            long version = listVersion(database);
            load.close();
            assertThat(listVersion(database)).isEqualTo(version + 1);
            assertThat(schema(database)).isEqualTo(schema);
            assertConsistent(database, store, DATA);
        }
    }

    private static long listVersion(Database database) {
        return database.read(connection -> {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version FROM insight_list_version")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void bulkReimport_statusChanges_areAuditedAsSystem_dismissalsKept_listsForgetOldPositions() {
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            Stores.service(store).importInsights(DATA);
            Scope account = new Scope.Account(Insights.ACCOUNT);
            String dismissed = DATA.stream()
                    .filter(i -> i.accountId().equals(Insights.ACCOUNT) && !i.dismissed())
                    .findFirst()
                    .orElseThrow()
                    .id();
            assertThat(store.dismiss(account, dismissed, true, "system")).isTrue();
            for (int page = 1; page <= 8; page++) { // remembered positions, to be forgotten by the import
                store.list(account, InsightFilter.DEFAULT, page, 7);
            }
            List<Insight> rescanned = new ArrayList<>();
            Map<String, InsightStatus> flipped = new HashMap<>();
            for (int n = 0; n < DATA.size(); n++) {
                Insight i = DATA.get(n);
                InsightStatus status = i.status();
                if (n % 3 == 0) {
                    status = status == InsightStatus.ACTIVE ? InsightStatus.RESOLVED : InsightStatus.ACTIVE;
                    flipped.put(i.id(), status);
                }
                Severity severity = n % 5 == 0 ? Severity.CRITICAL : i.severity(); // moves tallies
                rescanned.add(i.toBuilder()
                        .severity(severity)
                        .status(status)
                        .dismissed(false)
                        .timestamp(i.timestamp().plusSeconds(n % 7 == 0 ? 3_600 : 0))
                        .userClassification( // moves list positions
                                null)
                        .classificationExpiresOn(null)
                        .build());
            }
            BulkLoad load = BulkLoad.begin(database);
            Stores.service(store).importInsights(rescanned);
            load.close();
            for (Insight i : DATA) {
                List<AuditEntry> trail = AuditTrail.of(database, i.accountId(), i.id());
                InsightStatus now = flipped.get(i.id());
                if (now == null) {
                    assertThat(trail).as(i.id()).isEmpty();
                } else {
                    assertThat(trail).as(i.id()).singleElement().satisfies(e -> {
                        assertThat(e.changedBy()).isEqualTo(AuditEntry.SYSTEM);
                        assertThat(e.previousValue()).isEqualTo(i.status().wireName());
                        assertThat(e.currentValue()).isEqualTo(now.wireName());
                    });
                }
            }
            List<Insight> expected = new ArrayList<>();
            for (int n = 0; n < DATA.size(); n++) { // an import never changes a dismissal
                Insight before = DATA.get(n);
                expected.add(Insights.withDismissed(
                        rescanned.get(n), before.dismissed() || before.id().equals(dismissed)));
            }
            assertConsistent(database, store, expected);
        }
    }

    @Test
    void bulkImportNeverEnded_isCompletedByTheNextOpen() {
        List<String> schema;
        List<Insight> expected;
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            schema = schema(database);
            Stores.service(store).importInsights(DATA.subList(0, 100));
            BulkLoad.begin(database); // never closed: the process "dies" after the batches below
            Stores.service(store).importInsights(DATA.subList(100, 200));
            Stores.service(store).importInsights(DATA.subList(200, 300));
            Insight target = DATA.stream()
                    .filter(i -> i.accountId().equals(Insights.ACCOUNT) && !i.dismissed())
                    .findFirst()
                    .orElseThrow();
            assertThat(store.dismiss(new Scope.Account(Insights.ACCOUNT), target.id(), true, "system"))
                    .isTrue(); // the update trigger stays
            assertTalliesExact(database);
            assertThat(deferred(database)).isNotZero();
            expected = DATA.stream()
                    .map(i -> i.id().equals(target.id()) ? Insights.withDismissed(i, true) : i)
                    .toList();
        }
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            assertThat(deferred(database)).isZero();
            assertThat(schema(database)).isEqualTo(schema);
            assertConsistent(database, store, expected);
        }
    }

    @Test
    void bulkLoad_checkpointsLessOftenAndSyncsOnlyAtItsEnd_andTheWriterIsAsBeforeOnceItEnds() {
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            List<Long> before = writerPragmas(database);
            assertThat(before.get(3)).as("synchronous = FULL").isEqualTo(2);
            BulkLoad load = BulkLoad.begin(database);
            assertThat(writerPragmas(database).get(0)).isGreaterThan(before.get(0));
            assertThat(writerPragmas(database).get(3))
                    .as("synchronous = NORMAL")
                    .isEqualTo(1);
            Stores.service(store).importInsights(DATA);
            load.close();
            assertThat(writerPragmas(database)).isEqualTo(before);
        }
    }

    /** The writer connection's WAL checkpoint interval, sorter threads, page cache size and sync level. */
    private static List<Long> writerPragmas(Database database) {
        return database.transaction(connection -> {
            List<Long> values = new ArrayList<>();
            try (Statement s = connection.createStatement()) {
                for (String pragma : List.of("wal_autocheckpoint", "threads", "cache_size", "synchronous")) {
                    try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
                        rs.next();
                        values.add(rs.getLong(1));
                    }
                }
            }
            return values;
        });
    }

    @Test
    void pays_onlyForLargeImportsRelativeToTheTable() {
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            assertThat(BulkLoad.pays(database, BulkLoad.MIN_ROWS - 1)).isFalse();
            assertThat(BulkLoad.pays(database, BulkLoad.MIN_ROWS)).isTrue();
            Stores.service(store).importInsights(DATA);
            assertThat(BulkLoad.pays(database, BulkLoad.MIN_ROWS)).isTrue();
        }
    }

    /** Tallies equal a count of the table; list and counts agree with the reference for many filters. */
    static void assertConsistent(Database database, JdbcInsightStore store, List<Insight> data) {
        assertTalliesExact(database);
        for (long seed = 0; seed < 40; seed++) {
            InsightFilter filter = ListCountAgreementTest.filter(seed);
            for (Scope scope : List.of(new Scope.Account(Insights.ACCOUNT), new Scope.Zone(Insights.ZONE))) {
                List<String> expected = data.stream()
                        .filter(i -> inScope(i, scope) && filter.test(i))
                        .sorted(Comparator.comparing(Insight::timestamp)
                                .reversed()
                                .thenComparing(Insight::id))
                        .map(Insight::id)
                        .toList();
                List<String> listed = new ArrayList<>();
                long total = -1;
                for (int page = 1; page <= expected.size() / 9 + 1; page++) {
                    InsightPage p = store.list(scope, filter, page, 9);
                    p.issues().forEach(i -> listed.add(i.id()));
                    total = p.totalCount();
                }
                assertThat(listed).as("seed %d in %s", seed, scope).isEqualTo(expected);
                assertThat(total).isEqualTo(expected.size());
                for (CountField field : CountField.values()) {
                    assertThat(store.count(scope, filter, field).stream()
                                    .mapToLong(Count::count)
                                    .sum())
                            .isEqualTo(expected.size());
                }
            }
        }
    }

    /** The tallies equal a count of the table. */
    static void assertTalliesExact(Database database) {
        assertThat(rows(
                        database,
                        "SELECT account_id, dismissed, issue_type, issue_class, severity, product, zone_id, n"
                                + " FROM insight_tallies WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7"))
                .isEqualTo(rows(
                        database,
                        "SELECT account_id, dismissed, issue_type, issue_class, severity, coalesce(product, ''),"
                                + " coalesce(zone_id, ''), count(*) FROM insights GROUP BY 1, 2, 3, 4, 5, 6, 7"
                                + " ORDER BY 1, 2, 3, 4, 5, 6, 7"));
    }

    private static boolean inScope(Insight insight, Scope scope) {
        return switch (scope) {
            case Scope.Account account -> insight.accountId().equals(account.id());
            case Scope.Zone zone -> zone.id().equals(insight.zoneId());
        };
    }

    /** The indexes and triggers of insights, as SQLite holds them. */
    static List<String> schema(Database database) {
        return rows(
                database,
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'insights' AND sql IS NOT NULL"
                        + " AND type IN ('index', 'trigger') ORDER BY name");
    }

    static long deferred(Database database) {
        return Long.parseLong(
                rows(database, "SELECT count(*) FROM deferred_schema").get(0));
    }

    static List<String> rows(Database database, String sql) {
        return database.read(connection -> {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                return io.vigil.testing.Rows.of(rs);
            }
        });
    }
}
