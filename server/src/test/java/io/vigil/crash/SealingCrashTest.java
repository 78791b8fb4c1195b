package io.vigil.crash;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.seal.SealFiles;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.store.Database;
import io.vigil.store.JdbcSealStore;
import io.vigil.testing.AuditTrail;
import io.vigil.testing.Postgres;
import io.vigil.testing.Seeds;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: two server processes on one PostgreSQL, both writing and both sealing every 50 ms, while one of them
 * is killed with SIGKILL again and again (often mid-seal) and restarted. Afterwards there is one chain, every
 * entry is sealed exactly once, {@code verify} is clean, and every acknowledged classification is in the log.
 * {@code -Dvigil.crash.kills=N} sets the number of kills (4 by default).
 */
class SealingCrashTest {
    private static final int INSIGHTS = 32;
    private static final int CLIENTS = 8;

    @TempDir
    Path dir;

    @Test
    void twoNodesKilledWhileSealing_leaveOneChain_withEveryAcknowledgedChangeSealedOnce() throws Exception {
        int kills = Integer.getInteger("vigil.crash.kills", 4);
        String url = Postgres.freshDatabaseUrl();
        List<Path> dataDirs = List.of(dir.resolve("a"), dir.resolve("b"));
        String token;
        SigningKey key;
        try (Database database = Database.open(url)) {
            token = Seeds.insightsAndEditToken(database, "seal-", INSIGHTS);
            key = new SealFiles(dataDirs.get(0)).keyForSealing(new JdbcSealStore(database));
        }
        assertThat(key).isNotNull();
        Files.createDirectories(dataDirs.get(1));
        Files.copy(dataDirs.get(0).resolve(SealFiles.KEY_FILE), dataDirs.get(1).resolve(SealFiles.KEY_FILE));

        Process[] nodes = new Process[2];
        AtomicIntegerArray ports = new AtomicIntegerArray(2);
        for (int n = 0; n < 2; n++) {
            nodes[n] = ServeProcess.start(
                    "--database-url", url, "--data-dir", dataDirs.get(n).toString(), "--seal-every", "50ms");
            ports.set(n, ServeProcess.port(nodes[n]));
        }
        ConcurrentHashMap<String, List<String>> acknowledged = new ConcurrentHashMap<>();
        AtomicLong acks = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Random random = new Random(16);
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> drive(ports, token, client, running, acknowledged, acks)));
            }
            for (int k = 0; k < kills; k++) {
                Thread.sleep(300 + random.nextInt(500));
                int victim = k % 2;
                nodes[victim].destroyForcibly(); // SIGKILL: mid-request, maybe mid-seal
                nodes[victim].waitFor(10, TimeUnit.SECONDS);
                nodes[victim] = ServeProcess.start(
                        "--database-url",
                        url,
                        "--data-dir",
                        dataDirs.get(victim).toString(),
                        "--seal-every",
                        "50ms");
                ports.set(victim, ServeProcess.port(nodes[victim]));
            }
            Thread.sleep(300);
            running.set(false);
            for (Future<?> f : clients) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            for (Process node : nodes) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(acks.get()).as("acknowledged changes").isGreaterThan(kills * 5L);

        try (Database database = Database.open(url)) {
            JdbcSealStore seals = new JdbcSealStore(database);
            new Sealer(seals, key, Clock.systemUTC(), seal -> {}).sealPending(); // what the last kills left
            Verification result = Verifier.verify(seals, key.verifyingKey(), List.of());
            assertThat(result.breaks()).isEmpty();
            assertThat(result.unsealed()).isZero();
            for (int i = 0; i < INSIGHTS; i++) {
                String id = "seal-" + i;
                List<String> recorded = AuditTrail.of(database, ACCOUNT, id).stream()
                        .map(AuditEntry::currentValue)
                        .toList();
                List<String> acked = acknowledged.getOrDefault(id, List.of());
                assertThat(isSubsequence(acked, recorded))
                        .as("acknowledged %s within recorded %s for %s", acked, recorded, id)
                        .isTrue();
            }
            System.out.printf(
                    "sealing crash: %d SIGKILLs of 2 nodes, %d acknowledged changes, %d entries in %d seals, verify"
                            + " clean%n",
                    kills, acks.get(), result.entries(), result.seals());
        }
    }

    /** Each client owns INSIGHTS / CLIENTS insights, sets and resets them, on either node by turns. */
    private static void drive(
            AtomicIntegerArray ports,
            String token,
            int client,
            AtomicBoolean running,
            ConcurrentHashMap<String, List<String>> acknowledged,
            AtomicLong acks) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int n = 0;
        while (running.get()) {
            String id = "seal-" + (client + CLIENTS * (n % (INSIGHTS / CLIENTS)));
            List<String> history = acknowledged.computeIfAbsent(id, k -> new ArrayList<>());
            String next = history.isEmpty() || history.get(history.size() - 1) == null ? "other" : null;
            String body = next == null
                    ? "{\"classification\":null}"
                    : "{\"classification\":\"other\",\"rationale\":\"s" + n + "\"}";
            try {
                HttpResponse<String> response = http.send(
                        Seeds.classify(ports.get(n % 2), id, body, token, Duration.ofSeconds(5)),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    history.add(next);
                    acks.incrementAndGet();
                }
            } catch (IOException e) {
                // that node died mid-request: not acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            n++;
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
}
