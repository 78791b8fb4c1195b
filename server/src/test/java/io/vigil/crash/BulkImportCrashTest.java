package io.vigil.crash;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.InsightFilter;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.Stores;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code vigil insights import --bulk always} with SIGKILL after its first transactions
 * committed, while the list indexes and tally triggers are dropped, and checks that the next open
 * recreates them: the schema is whole again, the tallies equal a count of the table, the list's total and
 * the counts agree, SQLite's integrity check passes, and importing the file again completes it.
 */
class BulkImportCrashTest {
    private static final int LINES = 120_000;
    private static final String[] SEVERITIES = {"Low", "Moderate", "Critical"};
    private static final String[] TYPES = {"exposed_infrastructure", "insecure_configuration", "weak_authentication"};

    @TempDir
    Path dir;

    @Test
    void sigkillDuringABulkImport_nextOpenRecreatesIndexesAndTallies() throws Exception {
        Path dataDir = dir.resolve("data");
        Path file = dir.resolve("insights.jsonl");
        writeInsights(file);
        List<String> schema;
        Database.open(dataDir).close(); // the schema as migrations leave it
        schema = schema(dataDir);

        Process importer = startImport(dataDir, file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (single(dataDir, "SELECT count(*) FROM insights") == 0 && importer.isAlive()) {
            assertThat(System.nanoTime()).as("first batch committed in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        importer.destroyForcibly(); // SIGKILL: no close, no restore
        importer.waitFor(10, TimeUnit.SECONDS);
        long loaded = single(dataDir, "SELECT count(*) FROM insights");
        assertThat(loaded).as("killed part-way").isBetween(1L, LINES - 1L);
        assertThat(single(dataDir, "SELECT count(*) FROM deferred_schema")).isPositive();

        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            assertConsistent(dataDir, store, schema, loaded);
        }
        Process again = new ProcessBuilder(command(dataDir, file, "never"))
                .redirectErrorStream(true)
                .start();
        String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("imported " + LINES + " insights, rejected 0 lines");
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            assertConsistent(dataDir, store, schema, LINES);
        }
    }

    private static void assertConsistent(Path dataDir, JdbcInsightStore store, List<String> schema, long insights)
            throws SQLException {
        assertThat(single(dataDir, "SELECT count(*) FROM deferred_schema")).isZero();
        assertThat(schema(dataDir)).isEqualTo(schema);
        assertThat(rows(
                        dataDir,
                        "SELECT account_id, dismissed, issue_type, issue_class, severity, product, zone_id, n"
                                + " FROM insight_tallies WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7"))
                .isEqualTo(rows(
                        dataDir,
                        "SELECT account_id, dismissed, issue_type, issue_class, severity, coalesce(product, ''),"
                                + " coalesce(zone_id, ''), count(*) FROM insights GROUP BY 1, 2, 3, 4, 5, 6, 7"
                                + " ORDER BY 1, 2, 3, 4, 5, 6, 7"));
        Scope account = new Scope.Account(ACCOUNT);
        assertThat(store.list(account, InsightFilter.DEFAULT, 1, 25).totalCount())
                .isEqualTo(insights);
        assertThat(store.count(account, InsightFilter.DEFAULT, CountField.SEVERITY).stream()
                        .mapToLong(Count::count)
                        .sum())
                .isEqualTo(insights);
        assertThat(rows(dataDir, "PRAGMA integrity_check")).containsExactly("ok");
    }

    private static void writeInsights(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                out.write("{\"id\":\"bulk-" + i + "\",\"account_id\":\"" + ACCOUNT + "\",\"issue_class\":\"class_"
                        + (i % 7) + "\",\"issue_type\":\"" + TYPES[i % 3] + "\",\"severity\":\"" + SEVERITIES[i % 5 % 3]
                        + "\",\"subject\":\"host-" + (i % 13) + ".example.com\",\"timestamp\":\"2026-11-0"
                        + (1 + i % 9) + "T10:00:00Z\"}\n");
            }
        }
    }

    private static Process startImport(Path dataDir, Path file) throws IOException {
        return new ProcessBuilder(command(dataDir, file, "always"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static List<String> command(Path dataDir, Path file, String bulk) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.vigil.Main",
                "insights",
                "import",
                file.toString(),
                "--bulk",
                bulk,
                "--data-dir",
                dataDir.toString());
    }

    private static List<String> schema(Path dataDir) throws SQLException {
        return rows(
                dataDir,
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'insights' AND sql IS NOT NULL"
                        + " AND type IN ('index', 'trigger') ORDER BY name");
    }

    private static long single(Path dataDir, String sql) throws SQLException {
        return Long.parseLong(rows(dataDir, sql).get(0));
    }

    private static List<String> rows(Path dataDir, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            try (ResultSet rs = statement.executeQuery(sql)) {
                return io.vigil.testing.Rows.of(rs);
            }
        }
    }
}
