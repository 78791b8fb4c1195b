package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.seal.Checkpoint;
import io.vigil.seal.HeadKeeper;
import io.vigil.seal.HistoryAlarm;
import io.vigil.seal.Seal;
import io.vigil.seal.SealFiles;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Witnesses;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sealer never seals over its past: with write access to the database alone (and, where said, the signing
 * key too), a rewritten, truncated, rolled-back or back-dated history is refused by the node that keeps its head
 * outside the database, which raises its alarm, keeps the evidence and seals nothing more. On both databases.
 */
class SealedHistoryTest {
    private static final int SEAL_SIZE = 3;
    private static final Scope SCOPE = new Scope.Account(ACCOUNT);

    @TempDir
    Path dataDir;

    @TempDir
    Path otherNode;

    private final SigningKey key = SigningKey.generate();

    /** A store with 14 entries in 5 seals, sealed by a node keeping its head in {@link #dataDir}. */
    private final class Node implements AutoCloseable {
        final @Nullable String url;
        Database database;
        JdbcInsightStore store;
        JdbcSealStore seals;

        Node(String kind) {
            this.url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : null;
            open();
            List<Insight> insights = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                insights.add(Insights.inAccount("insight-" + i, ACCOUNT));
            }
            service().importInsights(insights);
            for (int i = 0; i < 6; i++) {
                classify(i, "reviewed " + i);
            }
            for (boolean dismissed : new boolean[] {true, false, true}) {
                for (int i = 6; i < 8; i++) {
                    service().dismiss(SCOPE, "insight-" + i, dismissed, "token:t" + i);
                }
            }
            for (int i = 0; i < 2; i++) {
                service().classify(SCOPE, "insight-" + i, new ClassificationRequest(null, null), "token:t" + i);
            }
            assertThat(sealer(new SealFiles(dataDir), new HistoryAlarm()).sealPending())
                    .isNotNull();
            assertThat(seals.head().orElseThrow().number()).isEqualTo(5);
        }

        void open() {
            database = url == null ? Database.open(dataDir) : Database.open(url);
            store = Stores.insights(database);
            seals = new JdbcSealStore(database);
        }

        /** Closes and opens the database again, as a restart does. */
        void reopen() {
            stop();
            open();
        }

        void stop() {
            store.close();
            database.close();
        }

        InsightService service() {
            return new InsightService(store);
        }

        /** A real change of the insight's classification: reset (if classified), then classified anew. */
        void classify(int insight, String rationale) {
            service().classify(SCOPE, "insight-" + insight, new ClassificationRequest(null, null), "token:t" + insight);
            service()
                    .classify(
                            SCOPE,
                            "insight-" + insight,
                            new ClassificationRequest(Classification.OTHER, rationale),
                            "token:t" + insight);
        }

        Sealer sealer(HeadKeeper files, HistoryAlarm alarm) {
            return sealer(files, alarm, key);
        }

        Sealer sealer(HeadKeeper files, HistoryAlarm alarm, SigningKey with) {
            return new Sealer(seals, with, Clock.systemUTC(), files, alarm, SEAL_SIZE);
        }

        void tamper(String sql, Object... params) {
            Attacker.tamper(database, sql, params);
        }

        /** The attacker's own sealer: seals the stored leaf hashes with {@code with}, checking nothing. */
        void forgeSeals(SigningKey with) {
            Attacker.forgeSeals(seals, with, SEAL_SIZE);
        }

        /** What an attacker computes from the published encoding: every leaf hash from {@code from} on, anew. */
        void recomputeLeafHashes(long from) {
            Attacker.recomputeLeafHashes(database, from);
        }

        long sealCount() {
            return seals.seals().size();
        }

        @Override
        public void close() {
            stop();
        }
    }

    private static void assertRefused(HistoryAlarm alarm, String says) {
        assertThat(alarm.reason())
                .as("the alarm")
                .hasValueSatisfying(reason -> assertThat(reason).contains(says));
    }

    private void assertEvidenceKept() throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            List<Path> evidence = files.filter(f -> f.getFileName().toString().startsWith("audit-evidence-"))
                    .toList();
            assertThat(evidence).hasSize(1);
            assertThat(Files.readString(evidence.get(0)))
                    .contains("reason: ")
                    .contains("the newest head this node knew:")
                    .contains("vigil change log checkpoint");
        }
    }

    /** The trial of the issue: edit, drop every seal and position, start again. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void rewriteWithTheDatabaseAlone_thenStart_isRefused_andNeverResealed(String kind) throws IOException {
        try (Node node = new Node(kind)) {
            node.tamper("UPDATE audit_log SET rationale = 'edited' WHERE position = 5");
            node.tamper("DELETE FROM audit_seals");
            node.tamper("UPDATE audit_log SET position = NULL, leaf_hash = NULL");
            node.reopen();
            HistoryAlarm alarm = new HistoryAlarm(new SealFiles(dataDir)::keepEvidence);
            assertThat(node.sealer(new SealFiles(dataDir), alarm).sealPending()).isNull();
            assertRefused(alarm, "this node sealed up to seal 5 (up to position 14");
            assertRefused(alarm, "the database has no seal 5");
            assertThat(node.sealCount()).isZero();
            assertEvidenceKept();
            // Later rounds seal nothing either: the alarm stays raised.
            node.classify(1, "after");
            assertThat(node.sealer(new SealFiles(dataDir), alarm).sealPending()).isNull();
            assertThat(node.sealCount()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void rewriteWithRecomputedLeafHashes_resealedWithTheKeyToo_isRefused(String kind) {
        try (Node node = new Node(kind)) {
            node.tamper("DELETE FROM audit_seals WHERE seal >= 2");
            node.tamper("UPDATE audit_log SET changed_by = 'token:someone-else' WHERE position = 5");
            node.recomputeLeafHashes(5);
            node.forgeSeals(key); // the attacker holds the key as well: seals 2-5 are validly signed
            assertThat(node.sealCount()).isEqualTo(5);
            HistoryAlarm alarm = new HistoryAlarm();
            node.classify(2, "after");
            assertThat(node.sealer(new SealFiles(dataDir), alarm).sealPending()).isNull();
            assertRefused(alarm, "seal 5 in the database");
            assertRefused(alarm, "was rewritten and sealed again");
            assertThat(node.sealCount()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void truncation_thenNewChanges_isRefused(String kind) {
        try (Node node = new Node(kind)) {
            node.tamper("DELETE FROM audit_log WHERE position > 9");
            node.tamper("DELETE FROM audit_seals WHERE seal > 3");
            node.classify(3, "after the cut");
            HistoryAlarm alarm = new HistoryAlarm();
            assertThat(node.sealer(new SealFiles(dataDir), alarm).sealPending()).isNull();
            assertRefused(alarm, "the database has no seal 5: the log was truncated, rolled back");
            assertThat(node.sealCount()).isEqualTo(3);
        }
    }

    @Test
    void rollbackToAnOlderCopy_isRefused() throws IOException {
        Path copy = otherNode.resolve("older.db");
        try (Node node = new Node("sqlite")) {
            node.stop();
            Files.copy(dataDir.resolve(Database.FILE_NAME), copy);
            node.open();
            node.classify(4, "later");
            node.classify(5, "later");
            assertThat(node.sealer(new SealFiles(dataDir), new HistoryAlarm()).sealPending())
                    .isNotNull();
            long sealed = new SealFiles(dataDir).head().orElseThrow().seal();
            assertThat(sealed).isGreaterThan(5);
            node.stop();
            Files.copy(copy, dataDir.resolve(Database.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(dataDir.resolve(Database.FILE_NAME + "-wal"));
            Files.deleteIfExists(dataDir.resolve(Database.FILE_NAME + "-shm"));
            node.open();
            node.classify(6, "on the old copy");
            HistoryAlarm alarm = new HistoryAlarm();
            assertThat(node.sealer(new SealFiles(dataDir), alarm).sealPending()).isNull();
            assertRefused(alarm, "this node sealed up to seal " + sealed);
            assertRefused(alarm, "rolled back to an older copy");
        }
    }

    /** The data directory rolled back with the database (head and all): a witness outside it still knows. */
    @Test
    void rollbackOfTheDataDirectoryToo_isCaughtByAWitness() throws IOException {
        Path copies = Files.createDirectories(otherNode.resolve("copies"));
        Path witness = otherNode.resolve("witness/head.checkpoint");
        try (Node node = new Node("sqlite")) {
            HeadKeeper kept = Witnesses.of(new SealFiles(dataDir), List.of(witness));
            node.classify(0, "seen by the witness");
            assertThat(node.sealer(kept, new HistoryAlarm()).sealPending()).isNotNull();
            node.stop();
            for (String name : List.of(Database.FILE_NAME, SealFiles.HEAD_FILE)) {
                Files.copy(dataDir.resolve(name), copies.resolve(name));
            }
            node.open();
            node.classify(1, "later");
            assertThat(node.sealer(kept, new HistoryAlarm()).sealPending()).isNotNull();
            long sealed = Checkpoint.parse(Files.readString(witness)).seal();
            node.stop();
            for (String name : List.of(Database.FILE_NAME, SealFiles.HEAD_FILE)) {
                Files.copy(copies.resolve(name), dataDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(dataDir.resolve(Database.FILE_NAME + "-wal"));
            Files.deleteIfExists(dataDir.resolve(Database.FILE_NAME + "-shm"));
            node.open();
            node.classify(2, "on the old copy");
            // The data directory alone agrees with the rolled-back database...
            assertThat(new SealFiles(dataDir).head().orElseThrow().seal()).isLessThan(sealed);
            // ...the witness does not.
            HistoryAlarm alarm = new HistoryAlarm();
            assertThat(node.sealer(Witnesses.of(new SealFiles(dataDir), List.of(witness)), alarm)
                            .sealPending())
                    .isNull();
            assertRefused(alarm, "this node sealed up to seal " + sealed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void backDatedEntry_isNotSealed(String kind) {
        try (Node node = new Node(kind)) {
            node.classify(1, "honest");
            UUID forged = UUID.fromString("01900000-0000-7000-8000-000000000042");
            node.tamper(
                    "INSERT INTO audit_log (" + InsightRows.AUDIT_COLUMNS + ", position, leaf_hash) VALUES (?,"
                            + " 'insight-7', ?, NULL, 'user_classification', NULL, 'accept_risk', 'ok', 'token:t7', ?, 16,"
                            + " ?)",
                    forged.toString(),
                    ACCOUNT,
                    Instant.now().minus(Duration.ofDays(1)).toEpochMilli(),
                    new byte[32]);
            node.recomputeLeafHashes(16);
            HistoryAlarm alarm = new HistoryAlarm();
            Seal sealed = node.sealer(new SealFiles(dataDir), alarm).sealPending();
            assertThat(sealed).isNotNull(); // the honest entry before it
            assertThat(sealed.lastPosition()).isEqualTo(15);
            assertRefused(alarm, "entry " + forged + " at position 16 is dated ");
            assertRefused(alarm, "back-dated or inserted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void sealWithAnotherKey_onTop_isRefused(String kind) {
        try (Node node = new Node(kind)) {
            node.classify(1, "more");
            node.forgeSeals(SigningKey.generate());
            HistoryAlarm alarm = new HistoryAlarm();
            assertThat(node.sealer(new SealFiles(dataDir), alarm).sealPending()).isNull();
            assertRefused(alarm, "seal 6 is signed by key");
            assertRefused(alarm, "not by " + key.verifyingKey().id());
        }
    }

    /** Nodes of one cluster each keep their own head: the one that did not seal it still catches the rewrite. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void anotherNodesHead_catchesARewriteBehindTheSealersBack(String kind) {
        try (Node node = new Node(kind)) {
            SealFiles other = new SealFiles(otherNode);
            HistoryAlarm otherAlarm = new HistoryAlarm();
            Sealer second = node.sealer(other, otherAlarm);
            assertThat(second.sealPending()).isNull(); // nothing waits: it learns seal 5 from the database
            assertThat(other.head().orElseThrow().seal()).isEqualTo(5);
            node.classify(2, "sealed by the first node");
            assertThat(node.sealer(new SealFiles(dataDir), new HistoryAlarm()).sealPending())
                    .isNotNull();
            assertThat(second.sealPending()).isNull(); // follows seal 6, checked
            assertThat(otherAlarm.raised()).isFalse();
            assertThat(other.head().orElseThrow().seal()).isEqualTo(6);

            // The first node's data directory (with its head) is lost or complicit; the key is not enough.
            node.tamper("DELETE FROM audit_seals WHERE seal >= 4");
            node.tamper("UPDATE audit_log SET rationale = 'rewritten' WHERE position = 12");
            node.recomputeLeafHashes(12);
            node.classify(3, "after");
            node.forgeSeals(key);
            assertThat(second.sealPending()).isNull();
            assertRefused(otherAlarm, "seal 6 in the database");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void anHonestRestart_goesOnFromItsKeptHead(String kind) {
        try (Node node = new Node(kind)) {
            node.reopen();
            node.classify(0, "after the restart");
            HistoryAlarm alarm = new HistoryAlarm();
            Seal next = node.sealer(new SealFiles(dataDir), alarm).sealPending();
            assertThat(alarm.raised()).isFalse();
            assertThat(next).isNotNull();
            assertThat(next.number()).isEqualTo(6);
            assertThat(new SealFiles(dataDir).head().orElseThrow()).isEqualTo(next.checkpoint());
        }
    }

    @Test
    void unreadableKeptHead_stopsSealing() throws IOException {
        try (Node node = new Node("sqlite")) {
            Files.writeString(dataDir.resolve(SealFiles.HEAD_FILE), "not a checkpoint\n");
            node.classify(0, "more");
            HistoryAlarm alarm = new HistoryAlarm();
            assertThat(node.sealer(new SealFiles(dataDir), alarm).sealPending()).isNull();
            assertRefused(alarm, "the head kept outside the database cannot be read");
        }
    }
}
