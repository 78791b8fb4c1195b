package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.insight.InsightService;
import io.vigil.seal.Leaf;
import io.vigil.seal.Seal;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store sealed before positions were given at write (schema version 12: entries written unpositioned, numbered
 * by {@code seq}, positioned later by the sealer) keeps its history verifiable across the upgrade: the first
 * start positions the waiting entries in the order they were written, and the old seals still verify.
 */
class EntryBackfillTest {
    private static final int VERSION_BEFORE = 12;

    @TempDir
    Path dataDir;

    private final SigningKey key = SigningKey.generate();

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void upgradedStore_positionsWaitingEntriesInWriteOrder_andStillVerifies(String kind) throws SQLException {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : null;
        Seal oldSeal;
        List<String> waiting = new ArrayList<>();
        try (Database old = url == null
                ? new Database(Dialect.SQLITE, new SqliteConnections(dataDir.resolve(Database.FILE_NAME)))
                : new Database(Dialect.POSTGRES, new PostgresConnections(url, 2))) {
            Migrations.migrate(old, VERSION_BEFORE);
            JdbcInsightStore store = Stores.insights(old);
            new InsightService(store).importInsights(List.of(Insights.inAccount("a", ACCOUNT)));
            store.close();
            // Five dismissal flips of "a": three sealed (positions 1-3), two waiting. The waiting ones' ids sort
            // against the order they were written in, which only seq records.
            Instant written = Instant.now().minusSeconds(10);
            old.inTransaction(connection -> {
                for (int i = 1; i <= 5; i++) {
                    UUID id = UUID.fromString("01900000-0000-7000-8000-00000000000" + (i <= 3 ? i : 9 - i));
                    AuditEntry entry = new AuditEntry(
                            id,
                            "a",
                            ACCOUNT,
                            null,
                            AuditField.DISMISSED,
                            String.valueOf(i % 2 == 0),
                            String.valueOf(i % 2 == 1),
                            null,
                            "token:t",
                            written.plusMillis(i));
                    if (i > 3) {
                        waiting.add(id.toString());
                    }
                    insertOld(connection, entry, i, i <= 3 ? (long) i : null);
                }
                try (PreparedStatement p = connection.prepareStatement("UPDATE insights SET dismissed = 1")) {
                    p.executeUpdate();
                }
            });
            oldSeal = new Sealer(new JdbcSealStore(old), key, Clock.systemUTC(), seal -> {}).sealPending();
            assertThat(oldSeal).isNotNull();
            assertThat(oldSeal.lastPosition()).isEqualTo(3);
        }
        try (Database upgraded = url == null ? Database.open(dataDir) : Database.open(url)) {
            assertThat(idAt(upgraded, 4)).isEqualTo(waiting.get(0));
            assertThat(idAt(upgraded, 5)).isEqualTo(waiting.get(1));
            JdbcSealStore seals = new JdbcSealStore(upgraded);
            assertThat(seals.unsealed()).isEqualTo(2);
            Verification before = Verifier.verify(seals, key.verifyingKey(), List.of(oldSeal.checkpoint()));
            assertThat(before.breaks()).isEmpty();
            Seal next = new Sealer(seals, key, Clock.systemUTC(), seal -> {}).sealPending();
            assertThat(next).isNotNull();
            assertThat(next.firstPosition()).isEqualTo(4);
            assertThat(next.lastPosition()).isEqualTo(5);
            Verification after =
                    Verifier.verify(seals, key.verifyingKey(), List.of(oldSeal.checkpoint(), next.checkpoint()));
            assertThat(after.breaks()).isEmpty();
            assertThat(after.entries()).isEqualTo(5);
        }
    }

    /** An entry as version 12 wrote it: numbered by seq, and positioned (with its leaf hash) only once sealed. */
    private static void insertOld(Connection connection, AuditEntry entry, long seq, @Nullable Long position)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("INSERT INTO audit_log (" + InsightRows.AUDIT_COLUMNS
                + ", seq, position, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            InsightRows.bind(p, entry);
            p.setLong(11, seq);
            if (position == null) {
                p.setNull(12, java.sql.Types.BIGINT);
                p.setNull(13, java.sql.Types.BINARY);
            } else {
                p.setLong(12, position);
                p.setBytes(13, Leaf.hash(position, entry));
            }
            p.executeUpdate();
        }
    }

    private static String idAt(Database database, long position) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT id FROM audit_log WHERE position = ?")) {
                p.setLong(1, position);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "none";
                }
            }
        });
    }
}
