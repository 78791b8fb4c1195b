package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import io.vigil.store.Database;
import io.vigil.testing.Insights;
import io.vigil.testing.Seeds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil backup} while the server takes PATCHes, then {@code vigil restore}: every change acknowledged
 * before the backup started is in the restored store, which passes its integrity check and, once restored from
 * a backup of the quiet server, answers reads exactly as the original does.
 */
class BackupUnderLoadTest {
    private static final int INSIGHTS = 20_000;
    private static final int CLIENTS = 8;

    @TempDir
    Path tmp;

    private static CliRun vigil(String... args) {
        return CliRun.of(args);
    }

    @Test
    void backup_underPatchLoad_restoresEveryChangeAcknowledgedBeforeItStarted() throws Exception {
        Path dataDir = tmp.resolve("data");
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "b", INSIGHTS);
        }
        Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
        long backupStarted;
        long backupEnded;
        CliRun backup;
        try (Main.Server server = Main.start(dataDir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                HttpClient http = HttpClient.newHttpClient();
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger failures = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                workers.add(clients.submit(() -> {
                    for (int i; !stop.get() && (i = next.getAndIncrement()) < INSIGHTS; ) {
                        String id = "b" + i;
                        HttpResponse<String> response = http.send(
                                Seeds.classify(
                                        server.port(),
                                        id,
                                        "{\"classification\":\"accept_risk\",\"rationale\":\"r-" + id + "\"}",
                                        token,
                                        Duration.ofSeconds(30)),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            acknowledgedAt.put(id, System.nanoTime());
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            while (acknowledgedAt.size() < 500) {
                Thread.sleep(10);
            }
            backupStarted = System.nanoTime();
            backup = vigil(
                    "backup",
                    "--data-dir",
                    dataDir.toString(),
                    "--to",
                    tmp.resolve("under-load.db").toString());
            backupEnded = System.nanoTime();
            Thread.sleep(200); // writes go on after the backup too
            stop.set(true);
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            assertThat(failures).hasValue(0);
        }
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("integrity check ok");

        CliRun restore = vigil(
                "restore",
                "--data-dir",
                tmp.resolve("restored").toString(),
                "--from",
                tmp.resolve("under-load.db").toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("integrity check ok");

        Set<String> before = new HashSet<>();
        int during = 0;
        int after = 0;
        for (Map.Entry<String, Long> ack : acknowledgedAt.entrySet()) {
            if (ack.getValue() < backupStarted) {
                before.add(ack.getKey());
            } else if (ack.getValue() <= backupEnded) {
                during++;
            } else {
                after++;
            }
        }
        Map<String, String> restored = classified(tmp.resolve("restored"));
        Set<String> missing = new HashSet<>(before);
        missing.removeAll(restored.keySet());
        assertThat(missing)
                .as("acknowledged before the backup started, but not restored")
                .isEmpty();
        for (String id : before) {
            assertThat(restored.get(id)).isEqualTo("r-" + id);
        }
        assertThat(restored.keySet()).isSubsetOf(acknowledgedAt.keySet());
        assertThat(auditRows(tmp.resolve("restored"))).isEqualTo(restored.size());
        assertThat(after).as("the server took writes after the backup").isPositive();
        System.out.printf(
                "backup under load: %d changes acknowledged before it started, %d while it ran (%d ms), %d after;"
                        + " %d restored, none missing%n",
                before.size(), during, (backupEnded - backupStarted) / 1_000_000, after, restored.size());
    }

    @Test
    void restore_ofABackupOfTheQuietServer_answersEveryReadAsTheOriginal() throws Exception {
        Path dataDir = tmp.resolve("data");
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "q", 300);
        }
        List<String> paths = List.of(
                "/insights?per_page=50&page=2",
                "/insights?severity=moderate",
                "/insights/class",
                "/insights/severity",
                "/insights/type",
                "/insights/audit-log?per_page=20",
                "/insights/q7/audit-log");
        Map<String, String> original;
        try (Main.Server server = Main.start(dataDir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            try (HttpClient http = HttpClient.newHttpClient()) {
                for (int i = 0; i < 40; i++) {
                    http.send(
                            Seeds.classify(
                                    server.port(),
                                    "q" + i,
                                    "{\"classification\":\"other\",\"rationale\":\"n" + i + "\"}",
                                    token,
                                    Duration.ofSeconds(10)),
                            HttpResponse.BodyHandlers.ofString());
                }
            }
            original = answers(server.port(), token, paths);
            assertThat(vigil(
                                    "backup",
                                    "--data-dir",
                                    dataDir.toString(),
                                    "--to",
                                    tmp.resolve("quiet.db").toString())
                            .exitCode())
                    .isZero();
        }
        Path restoredDir = tmp.resolve("restored");
        assertThat(vigil(
                                "restore",
                                "--data-dir",
                                restoredDir.toString(),
                                "--from",
                                tmp.resolve("quiet.db").toString())
                        .exitCode())
                .isZero();
        try (Main.Server restored =
                Main.start(restoredDir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertThat(answers(restored.port(), token, paths)).isEqualTo(original);
        }
    }

    @Test
    void restore_intoADirectoryHoldingADatabase_isRefusedAndChangesNothing() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (Database database = Database.open(dataDir)) {
            Seeds.insightsAndEditToken(database, "x", 3);
        }
        assertThat(vigil(
                                "backup",
                                "--data-dir",
                                dataDir.toString(),
                                "--to",
                                tmp.resolve("x.db").toString())
                        .exitCode())
                .isZero();
        byte[] before = Files.readAllBytes(dataDir.resolve(Database.FILE_NAME));

        CliRun run = vigil(
                "restore",
                "--data-dir",
                dataDir.toString(),
                "--from",
                tmp.resolve("x.db").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("vigil: " + dataDir + " already holds a database; restore only into an empty data directory"
                        + System.lineSeparator());
        assertThat(Files.readAllBytes(dataDir.resolve(Database.FILE_NAME))).isEqualTo(before);
    }

    @Test
    void backup_toAFileThatExists_isRefused() throws Exception {
        Path existing = Files.writeString(tmp.resolve("keep.db"), "mine");
        CliRun run = vigil("backup", "--data-dir", tmp.resolve("data").toString(), "--to", existing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(existing + " already exists; a backup never overwrites a file");
        assertThat(Files.readString(existing)).isEqualTo("mine");
    }

    @Test
    void restore_ofAFileThatIsNotABackup_isRefusedWithWhatIsWrong() throws Exception {
        Path garbage =
                Files.writeString(tmp.resolve("garbage.db"), "not a database at all, just some text ".repeat(200));
        CliRun run = vigil("restore", "--data-dir", tmp.resolve("empty").toString(), "--from", garbage.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("vigil: " + garbage + " is not a sound Vigil backup: ");
        assertThat(tmp.resolve("empty").resolve(Database.FILE_NAME)).doesNotExist();
    }

    private static Map<String, String> answers(int port, String token, List<String> paths) throws Exception {
        Map<String, String> bodies = new HashMap<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String path : paths) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4/accounts/"
                                        + Insights.ACCOUNT + "/security-center" + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                bodies.put(path, response.body());
            }
        }
        return bodies;
    }

    /** Classified insights of the restored store and their rationale, read from the file. */
    private static Map<String, String> classified(Path dataDir) throws SQLException {
        Map<String, String> rationale = new HashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT i.id, a.rationale FROM insights i JOIN audit_log a ON a.issue_id = i.id"
                                + " WHERE i.user_classification = 'accept_risk'")) {
            while (rs.next()) {
                rationale.put(rs.getString(1), rs.getString(2));
            }
        }
        return rationale;
    }

    private static int auditRows(Path dataDir) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM audit_log WHERE field_changed = 'user_classification'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
