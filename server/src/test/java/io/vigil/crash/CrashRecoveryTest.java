package io.vigil.crash;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.insight.Classification;
import io.vigil.seal.SealFiles;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcSealStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.AuditTrail;
import io.vigil.testing.Seeds;
import io.vigil.testing.Stores;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process with SIGKILL while clients classify, reset, dismiss and undismiss insights,
 * restarts it, and checks that nothing acknowledged was lost: every classification change whose 200 a client
 * received is in the audit log, replaying each insight's audit entries gives its current state, each
 * insight's dismissed flag is the last acknowledged one (or a later unacknowledged one), and SQLite's
 * integrity check passes. {@code -Dvigil.crash.kills=N} sets the number of kills (3 by default; 20 for the full run).
 */
class CrashRecoveryTest {
    private static final int INSIGHTS = 64;
    private static final int CLIENTS = 16;

    @TempDir
    Path dataDir;

    /** One dismiss request: the value sent, and whether a 200 confirmed it. */
    record Dismissal(boolean value, boolean acknowledged) {}

    @Test
    void sigkillUnderLoad_losesNoAcknowledgedChange() throws Exception {
        int kills = Integer.getInteger("vigil.crash.kills", 3);
        String token = seed();
        Random random = new Random(7);
        ConcurrentHashMap<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, List<Dismissal>> dismissals = new ConcurrentHashMap<>();
        AtomicLong acks = new AtomicLong();
        for (int round = 0; round < kills; round++) {
            Process server = ServeProcess.start("--data-dir", dataDir.toString());
            int port = ServeProcess.port(server);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<?>> clients = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(pool.submit(() -> drive(port, token, client, running, acknowledged, dismissals, acks)));
                }
                // Killed at a random moment once the round has had changes acknowledged (a loaded machine
                // starts the server's JIT slowly), so every round kills a server under load.
                long before = acks.get();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (acks.get() - before < 15 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(random.nextInt(700));
                server.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                server.waitFor(10, TimeUnit.SECONDS);
                running.set(false);
                for (Future<?> f : clients) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(acks.get()).as("acknowledged changes").isGreaterThan(kills * 10L);
        verify(acknowledged, dismissals);
        System.out.printf(
                "crash recovery: %d SIGKILLs survived, %d acknowledged changes checked, 0 lost%n", kills, acks.get());
    }

    /**
     * Each client owns INSIGHTS / CLIENTS insights and cycles them: set, then reset; every third request
     * dismisses or undismisses instead.
     */
    private static void drive(
            int port,
            String token,
            int client,
            AtomicBoolean running,
            ConcurrentHashMap<String, List<String>> acknowledged,
            ConcurrentHashMap<String, List<Dismissal>> dismissals,
            AtomicLong acks) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int n = 0;
        while (running.get()) {
            String id = "crash-" + (client + CLIENTS * (n % (INSIGHTS / CLIENTS)));
            if (n % 3 == 2) {
                dismissOnce(http, port, token, id, dismissals.computeIfAbsent(id, k -> new ArrayList<>()), acks);
                n++;
                continue;
            }
            List<String> history = acknowledged.computeIfAbsent(id, k -> new ArrayList<>());
            // The next change follows the last acknowledged state; after a crash an unacknowledged change
            // may have committed, so the client re-reads by trying the opposite move first.
            String next = history.isEmpty() || history.get(history.size() - 1) == null ? "other" : null;
            String body = next == null
                    ? "{\"classification\":null}"
                    : "{\"classification\":\"other\",\"rationale\":\"c" + n + "\"}";
            try {
                HttpResponse<String> response = http.send(
                        Seeds.classify(port, id, body, token, Duration.ofSeconds(5)),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    synchronized (history) {
                        history.add(next);
                    }
                    acks.incrementAndGet();
                }
            } catch (IOException e) {
                // the server died mid-request: not acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            n++;
        }
    }

    /** Toggles the insight's dismissed flag from the last value this client sent, and records the outcome. */
    private static void dismissOnce(
            HttpClient http, int port, String token, String id, List<Dismissal> history, AtomicLong acks) {
        boolean next = history.isEmpty() || !history.get(history.size() - 1).value();
        boolean acked = false;
        try {
            acked = http.send(
                                    Seeds.dismiss(port, id, next, token, Duration.ofSeconds(5)),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            // the server died mid-request: not acknowledged, but it may have committed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (history) {
            history.add(new Dismissal(next, acked));
        }
        if (acked) {
            acks.incrementAndGet();
        }
    }

    /** The dismissed values the store may hold: the last acknowledged one, or any sent after it. */
    private static Set<Boolean> allowedDismissed(List<Dismissal> history) {
        Set<Boolean> allowed = new HashSet<>();
        int lastAck = -1;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).acknowledged()) {
                lastAck = i;
            }
        }
        allowed.add(lastAck >= 0 && history.get(lastAck).value());
        for (int i = lastAck + 1; i < history.size(); i++) {
            allowed.add(history.get(i).value());
        }
        return allowed;
    }

    private void verify(
            ConcurrentHashMap<String, List<String>> acknowledged, ConcurrentHashMap<String, List<Dismissal>> dismissals)
            throws Exception {
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            for (int i = 0; i < INSIGHTS; i++) {
                String id = "crash-" + i;
                List<AuditEntry> trail = AuditTrail.of(database, ACCOUNT, id);
                String replayed = null;
                for (AuditEntry entry : trail) {
                    assertThat(entry.previousValue())
                            .as("audit chain of %s", id)
                            .isEqualTo(replayed);
                    replayed = entry.currentValue();
                }
                Classification current =
                        store.find(new Scope.Account(ACCOUNT), id).orElseThrow().classification();
                assertThat(allowedDismissed(dismissals.getOrDefault(id, List.of())))
                        .as("dismissed flag of %s after %s", id, dismissals.get(id))
                        .contains(dismissed(id));
                assertThat(replayed).as("replay of %s", id).isEqualTo(current == null ? null : current.wireName());
                // Every acknowledged change is in the trail, in order (unacknowledged ones may be too).
                List<String> acked = acknowledged.getOrDefault(id, List.of());
                List<String> recorded =
                        trail.stream().map(AuditEntry::currentValue).toList();
                assertThat(isSubsequence(acked, recorded))
                        .as("acknowledged %s within recorded %s for %s", acked, recorded, id)
                        .isTrue();
            }
        }
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                var statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        // The sealed log survived the kills too: one chain that still extends the checkpoint the last server
        // kept beside the database, every entry sealed once.
        try (Database database = Database.open(dataDir)) {
            JdbcSealStore seals = new JdbcSealStore(database);
            SealFiles files = new SealFiles(dataDir);
            SigningKey key = Objects.requireNonNull(files.keyForSealing(seals));
            new Sealer(seals, key, Clock.systemUTC(), seal -> {}).sealPending();
            Verification result = Verifier.verify(
                    seals, key.verifyingKey(), files.head().stream().toList());
            assertThat(result.breaks()).isEmpty();
            assertThat(result.unsealed()).isZero();
        }
    }

    private boolean dismissed(String id) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                var p = connection.prepareStatement("SELECT dismissed FROM insights WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getInt(1) == 1;
            }
        }
    }

    private static boolean isSubsequence(List<String> needle, List<String> haystack) {
        int at = 0;
        for (String value : haystack) {
            if (at < needle.size() && Objects.equals(needle.get(at), value)) {
                at++;
            }
        }
        return at == needle.size();
    }

    private String seed() {
        try (Database database = Database.open(dataDir)) {
            return Seeds.insightsAndEditToken(database, "crash-", INSIGHTS);
        }
    }
}
