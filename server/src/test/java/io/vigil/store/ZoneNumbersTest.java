package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT_ZONE;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditPage;
import io.vigil.audit.AuditQuery;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every zone's numeric id (audit entries' {@code zone_id}), on both databases, and the upgrade that gives them. */
class ZoneNumbersTest {
    private static final String TOKEN_ID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void upgradeFromVersion4_numbersEveryZone_andEntriesKeepTheirZone(String kind) throws SQLException {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : null;
        try (Database old = atVersion4(url)) {
            old.inTransaction(connection -> {
                execute(connection, "INSERT INTO accounts (id) VALUES (?)", ACCOUNT);
                for (String zone : List.of(ZONE, SIBLING_ZONE)) {
                    execute(connection, "INSERT INTO zones (id, account_id) VALUES (?, ?)", zone, ACCOUNT);
                }
                execute(
                        connection,
                        "INSERT INTO api_tokens (id, name, secret_hash, permission, created_ms) VALUES (?, ?, ?, ?, ?)",
                        TOKEN_ID,
                        "release bot",
                        "hash",
                        "edit",
                        1L);
                int n = 0;
                for (String zone : new String[] {ZONE, SIBLING_ZONE, ZONE, null}) {
                    execute(
                            connection,
                            "INSERT INTO audit_log (" + InsightRows.AUDIT_COLUMNS
                                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            "01900000-0000-7000-8000-00000000000" + n,
                            "issue-" + n++,
                            ACCOUNT,
                            zone,
                            "user_classification",
                            null,
                            "other",
                            "why",
                            "token:" + TOKEN_ID,
                            1L);
                }
            });
        }
        try (Database upgraded = Database.open(url, dataDir)) {
            List<AuditPage.Item> items = new JdbcAuditLog(upgraded)
                    .list(new AuditQuery(
                            new Scope.Account(ACCOUNT), null, null, null, null, null, AuditQuery.Order.ASC, null, 10))
                    .items();
            assertThat(items).hasSize(4);
            assertThat(items)
                    .allSatisfy(item -> assertThat(item.changedByName()).isEqualTo("release bot"));
            Map<String, Long> numbers = new HashMap<>();
            for (AuditPage.Item item : items.subList(0, 3)) {
                assertThat(item.zoneNumber()).isNotNull().isPositive();
                Long first = numbers.putIfAbsent(item.entry().zoneId(), item.zoneNumber());
                assertThat(first == null || first.equals(item.zoneNumber())).isTrue();
            }
            assertThat(numbers).hasSize(2);
            assertThat(numbers.values()).doesNotHaveDuplicates();
            assertThat(items.get(3).zoneNumber())
                    .as("an account-level entry has no zone")
                    .isNull();

            Map<String, Long> later = numbersAfterImport(upgraded);
            assertThat(later).containsAllEntriesOf(numbers);
            assertThat(later.get(OTHER_ACCOUNT_ZONE))
                    .as("a new zone's number follows every number given before")
                    .isGreaterThan(numbers.values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void zonesSeenAgain_keepTheirNumbers(String kind) {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : null;
        try (Database database = Database.open(url, dataDir)) {
            Map<String, Long> first = numbersAfterImport(database);
            assertThat(first.values())
                    .doesNotHaveDuplicates()
                    .allSatisfy(n -> assertThat(n).isPositive());
            assertThat(numbersAfterImport(database)).isEqualTo(first);
        }
    }

    /** Imports insights in three zones (new or known) and reads back every zone's number. */
    private static Map<String, Long> numbersAfterImport(Database database) {
        try (JdbcInsightStore store = Stores.insights(database)) {
            Stores.service(store)
                    .importInsights(List.of(
                            Insights.inZone("n1", ACCOUNT, ZONE),
                            Insights.inZone("n2", ACCOUNT, SIBLING_ZONE),
                            Insights.inZone("n3", OTHER_ACCOUNT, OTHER_ACCOUNT_ZONE)));
        }
        return database.read(connection -> {
            Map<String, Long> numbers = new HashMap<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT id, number FROM zones");
                    var rs = p.executeQuery()) {
                while (rs.next()) {
                    numbers.put(rs.getString(1), rs.getLong(2));
                }
            }
            return numbers;
        });
    }

    private Database atVersion4(@Nullable String url) throws SQLException {
        Database database = url == null
                ? new Database(Dialect.SQLITE, new SqliteConnections(dataDir.resolve(Database.FILE_NAME)))
                : new Database(Dialect.POSTGRES, new PostgresConnections(url, 2));
        Migrations.migrate(database, 4);
        return database;
    }

    private static void execute(java.sql.Connection connection, String sql, @Nullable Object... values)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                p.setObject(i + 1, values[i]);
            }
            p.executeUpdate();
        }
    }
}
