package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStatus;
import io.vigil.seal.Checkpoint;
import io.vigil.seal.HeadKeeper;
import io.vigil.seal.HistoryAlarm;
import io.vigil.seal.Seal;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tamper matrix: each way an administrator with write access to the database could alter the sealed change
 * log is found by {@link Verifier}, which names the first entry it breaks; an untouched log verifies clean. On
 * both databases.
 */
class SealedLogTest {
    /** Small seals, so that the log of the fixture spans several. */
    private static final int SEAL_SIZE = 3;

    private static final Scope SCOPE = new Scope.Account(ACCOUNT);

    @TempDir
    Path dataDir;

    private final SigningKey key = SigningKey.generate();

    /** The fixture's log: 14 entries (classifications, dismissals, status changes) in 5 seals. */
    private final class Log implements AutoCloseable {
        final Database database;
        final JdbcInsightStore store;
        final JdbcSealStore seals;
        final Checkpoint checkpoint;

        Log(String kind) {
            database = kind.equals("postgres") ? Database.open(Postgres.freshDatabaseUrl()) : Database.open(dataDir);
            store = Stores.insights(database);
            seals = new JdbcSealStore(database);
            InsightService service = new InsightService(store);
            List<Insight> insights = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                insights.add(Insights.inAccount("insight-" + i, ACCOUNT));
            }
            service.importInsights(insights);
            for (int i = 0; i < 6; i++) {
                service.classify(
                        SCOPE,
                        "insight-" + i,
                        new ClassificationRequest(Classification.ACCEPT_RISK, "reviewed " + i),
                        "token:t" + i);
            }
            service.dismiss(SCOPE, "insight-6", true, "token:t6");
            service.dismiss(SCOPE, "insight-7", true, "token:t7");
            service.dismiss(SCOPE, "insight-7", false, "token:t7");
            service.classify(SCOPE, "insight-0", new ClassificationRequest(null, null), "token:t0");
            List<Insight> resolved = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                resolved.add(Insights.withStatus(insights.get(i), InsightStatus.RESOLVED));
            }
            service.importInsights(resolved);
            sealAll(key);
            checkpoint = seals.head().orElseThrow().checkpoint();
        }

        /** Seals what waits as Vigil's sealer does, keeping no head outside the database. */
        void sealAll(SigningKey with) {
            sealer(with, new HistoryAlarm()).sealPending();
        }

        Sealer sealer(SigningKey with, HistoryAlarm alarm) {
            return new Sealer(seals, with, Clock.systemUTC(), HeadKeeper.none(seal -> {}), alarm, SEAL_SIZE);
        }

        /** What an attacker with a key of their own does: seals the stored leaf hashes as they are, unchecked. */
        void forgeSeals(SigningKey with) {
            Attacker.forgeSeals(seals, with, SEAL_SIZE);
        }

        /** Every row of the change log, as text, by position. */
        List<String> rows() {
            return database.read(connection -> {
                try (PreparedStatement p = connection.prepareStatement("SELECT " + InsightRows.AUDIT_COLUMNS
                                + ", position, leaf_hash, bulk_id, list_version FROM audit_log ORDER BY position");
                        ResultSet rs = p.executeQuery()) {
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= InsightRows.AUDIT_COLUMN_COUNT + 4; c++) {
                            Object value = rs.getObject(c);
                            row.append(
                                            value instanceof byte[] bytes
                                                    ? java.util.HexFormat.of().formatHex(bytes)
                                                    : value)
                                    .append('|');
                        }
                        rows.add(row.toString());
                    }
                    return rows;
                }
            });
        }

        Verification verify() {
            return Verifier.verify(seals, key.verifyingKey(), List.of(checkpoint));
        }

        String idAt(long position) {
            return database.read(connection -> {
                try (PreparedStatement p = connection.prepareStatement("SELECT id FROM audit_log WHERE position = ?")) {
                    p.setLong(1, position);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return rs.getString(1);
                    }
                }
            });
        }

        /** What an attacker can do from the published encoding: the leaf hashes from {@code position} on, anew. */
        void recomputeLeafHashes(long from) {
            Attacker.recomputeLeafHashes(database, from);
        }

        void tamper(String sql, Object... params) {
            Attacker.tamper(database, sql, params);
        }

        @Override
        public void close() {
            store.close();
            database.close();
        }
    }

    private static void assertFirstBreak(Verification result, long position, @Nullable String entryId, String says) {
        assertThat(result.clean()).as("verification of a tampered log").isFalse();
        Verification.Break first = result.breaks().get(0);
        assertThat(first.position()).as(first.message()).isEqualTo(position);
        if (entryId != null) {
            assertThat(first.entryId()).as(first.message()).isEqualTo(entryId);
        }
        assertThat(first.message()).contains(says);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void untouchedLog_verifiesClean_againstItsCheckpoint(String kind) {
        try (Log log = new Log(kind)) {
            Verification result = log.verify();
            assertThat(result.breaks()).isEmpty();
            assertThat(result.entries()).isEqualTo(14);
            assertThat(result.seals()).isEqualTo(5);
            assertThat(result.unsealed()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void entries_arePositionedAndHashedWhenWritten_andSealingChangesNoEntry(String kind) {
        try (Log log = new Log(kind)) {
            new InsightService(log.store)
                    .classify(SCOPE, "insight-5", new ClassificationRequest(null, null), "token:t5");
            List<String> before = log.rows();
            assertThat(before).hasSize(15);
            assertThat(log.seals.unsealed()).isEqualTo(1);
            log.sealAll(key);
            assertThat(log.rows()).isEqualTo(before);
            assertThat(log.seals.unsealed()).isZero();
            assertThat(log.verify().breaks()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void editedEntryNotSealedYet_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            new InsightService(log.store)
                    .classify(SCOPE, "insight-6", new ClassificationRequest(Classification.OTHER, "seen"), "token:t6");
            String id = log.idAt(15);
            log.tamper("UPDATE audit_log SET rationale = 'unseen' WHERE position = 15");
            Verification result = log.verify();
            assertFirstBreak(result, 15, id, "(not sealed yet) does not give the leaf hash written with it");
            assertThat(result.unsealed()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void deletedEntryNotSealedYet_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            InsightService service = new InsightService(log.store);
            service.classify(SCOPE, "insight-6", new ClassificationRequest(Classification.OTHER, "seen"), "token:t6");
            service.classify(SCOPE, "insight-7", new ClassificationRequest(Classification.OTHER, "seen"), "token:t7");
            log.tamper("DELETE FROM audit_log WHERE position = 15");
            assertFirstBreak(log.verify(), 15, null, "position 15 is missing: the entries written there were deleted");
            // The sealer seals up to the gap only, never over it, and stops.
            HistoryAlarm alarm = new HistoryAlarm();
            assertThat(log.sealer(key, alarm).sealPending()).isNull();
            assertThat(alarm.reason())
                    .hasValueSatisfying(
                            reason -> assertThat(reason)
                                    .contains(
                                            "position 15 is missing: entries written there were deleted before they were sealed"));
            assertThat(log.seals.head().orElseThrow().lastPosition()).isEqualTo(14);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void editedField_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            String id = log.idAt(5);
            log.tamper("UPDATE audit_log SET rationale = 'nothing to see' WHERE position = 5");
            assertFirstBreak(log.verify(), 5, id, "is not the entry sealed there");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void idRespelled_orMalformed_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            String id = log.idAt(5);
            // The same UUID in capitals: the leaf hashes the id as stored, not as parsed.
            log.tamper("UPDATE audit_log SET id = upper(id) WHERE position = 5");
            assertFirstBreak(log.verify(), 5, id.toUpperCase(Locale.ROOT), "is not the entry sealed there");
            log.tamper("UPDATE audit_log SET id = 'not-a-uuid' WHERE position = 5");
            assertFirstBreak(log.verify(), 5, "not-a-uuid", "is not the entry sealed there");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void editedFieldWithRecomputedLeafHash_isNamedByItsSeal(String kind) {
        try (Log log = new Log(kind)) {
            log.tamper("UPDATE audit_log SET changed_by = 'token:someone-else' WHERE position = 5");
            // The attacker recomputes the leaf hash from the published encoding: the seal's Merkle root breaks.
            log.recomputeLeafHashes(5);
            assertFirstBreak(log.verify(), 4, null, "do not give its Merkle root");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void deletedEntry_isNamedByItsPosition(String kind) {
        try (Log log = new Log(kind)) {
            log.tamper("DELETE FROM audit_log WHERE position = 8");
            assertFirstBreak(log.verify(), 8, null, "position 8 is missing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void insertedEntry_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            log.tamper("UPDATE audit_log SET position = position + 1000 WHERE position >= 5");
            log.tamper("UPDATE audit_log SET position = position - 999 WHERE position >= 1000");
            String forged = "01900000-0000-7000-8000-000000000042";
            log.tamper(
                    "INSERT INTO audit_log (" + InsightRows.AUDIT_COLUMNS + ", position, leaf_hash)"
                            + " VALUES (?, 'insight-7', ?, NULL, 'user_classification', NULL, 'accept_risk', 'ok', 'token:t7', 1, 5, ?)",
                    forged,
                    ACCOUNT,
                    new byte[32]);
            assertFirstBreak(log.verify(), 5, forged, "is not the entry sealed there");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void swappedEntries_areNamed(String kind) {
        try (Log log = new Log(kind)) {
            String fifth = log.idAt(5);
            log.tamper("UPDATE audit_log SET position = -1 WHERE position = 4");
            log.tamper("UPDATE audit_log SET position = 4 WHERE position = 5");
            log.tamper("UPDATE audit_log SET position = 5 WHERE position = -1");
            assertFirstBreak(log.verify(), 4, fifth, "is not the entry sealed there");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void truncatedTail_isFoundByTheCheckpoint(String kind) {
        try (Log log = new Log(kind)) {
            log.tamper("DELETE FROM audit_log WHERE position > 9");
            log.tamper("DELETE FROM audit_seals WHERE seal > 3");
            assertFirstBreak(log.verify(), 10, null, "the log was truncated");
            // Without a checkpoint, the cut shows only where the deleted entries had changed an insight's state.
            assertThat(Verifier.verify(log.seals, key.verifyingKey(), List.of()).breaks())
                    .isNotEmpty()
                    .allSatisfy(b -> assertThat(b.message()).contains("changed without an entry"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void rewrittenTailResealedWithoutTheKey_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            log.tamper("DELETE FROM audit_seals WHERE seal >= 3");
            log.tamper("UPDATE audit_log SET rationale = 'rewritten' WHERE position >= 7 AND rationale IS NOT NULL");
            log.recomputeLeafHashes(7);
            log.forgeSeals(SigningKey.generate());
            assertFirstBreak(log.verify(), 7, null, ", the trusted key: re-sealed without the key");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void stateChangedWithoutAnEntry_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            log.tamper("UPDATE insights SET user_classification = 'false_positive' WHERE id = 'insight-3'");
            Verification result = log.verify();
            assertFirstBreak(result, 0, null, "insight insight-3 has user_classification 'false_positive'");
            assertThat(result.breaks().get(0).message()).contains("changed without an entry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void dismissalChangedWithoutAnEntry_isNamed(String kind) {
        try (Log log = new Log(kind)) {
            log.tamper("UPDATE insights SET dismissed = 0 WHERE id = 'insight-6'");
            assertFirstBreak(log.verify(), 0, null, "insight insight-6 has dismissed 'false'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void sealing_coversEveryEntryOnce_inConsecutivePositions(String kind) {
        try (Log log = new Log(kind)) {
            List<Seal> seals = log.seals.seals();
            assertThat(seals).extracting(Seal::number).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(seals.get(4).lastPosition()).isEqualTo(14);
            assertThat(log.seals.unsealed()).isZero();
            assertThat(log.sealer(key, new HistoryAlarm()).sealPending()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void dismissals_areInTheLog_butNotInCloudflaresAuditLogView(String kind) {
        try (Log log = new Log(kind)) {
            var view = new JdbcAuditLog(log.database)
                    .list(new io.vigil.audit.AuditQuery(
                            SCOPE, "insight-7", null, null, null, null, io.vigil.audit.AuditQuery.Order.ASC, null, 50));
            assertThat(view.items()).isEmpty();
            long dismissals = log.database.read(connection -> {
                try (PreparedStatement p = connection.prepareStatement(
                        "SELECT count(*) FROM audit_log WHERE field_changed = 'dismissed' AND changed_by = 'token:t7'")) {
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            assertThat(dismissals).isEqualTo(2);
        }
    }
}
