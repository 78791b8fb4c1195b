package io.vigil.crash;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import io.vigil.audit.Change;
import io.vigil.cli.Backend;
import io.vigil.store.Database;
import io.vigil.store.JdbcWebhookStore;
import io.vigil.testing.Seeds;
import io.vigil.webhook.Receiver;
import io.vigil.webhook.SubscriptionRequest;
import io.vigil.webhook.Targets;
import io.vigil.webhook.Webhooks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil serve} in a child JVM, SIGKILLed under PATCH load while it delivers to two subscriptions: one
 * receiver healthy, one that fails half its deliveries and hangs some (once past the 10 s answer timeout). After
 * the last restart every change of the log reaches both receivers, each insight's in order; the test counts what
 * was delivered, duplicated and lost (which must be 0). {@code -Dvigil.crash.kills=N} sets the number of kills.
 */
class WebhookCrashTest {
    private static final int INSIGHTS = 12;
    private static final int CLIENTS = 3;

    @TempDir
    Path dataDir;

    @Test
    void sigkillWhileDelivering_losesNoChange_andKeepsEachInsightsOrder() throws Exception {
        int kills = Integer.getInteger("vigil.crash.kills", 3);
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "hook-", INSIGHTS);
        }
        try (Receiver healthy = Receiver.start();
                Receiver flaky = Receiver.start()) {
            flaky.answers(n -> n == 7
                            ? Receiver.Answer.STALL // past the 10 s answer timeout: Vigil gives up and retries
                            : n % 15 == 0
                                    ? Receiver.Answer.HANG
                                    : n % 2 == 0 ? Receiver.Answer.FAIL : Receiver.Answer.OK)
                    .hangFor(Duration.ofSeconds(1));
            try (Backend backend = Main.ASSEMBLY.open(null, dataDir)) {
                Webhooks webhooks = backend.webhooks(new Targets(true, Targets.systemResolver()));
                for (Receiver r : List.of(healthy, flaky)) {
                    r.secret(webhooks.add(
                                    ACCOUNT, new SubscriptionRequest(r.url(), Set.of(), Set.of(), Set.of()), "test")
                            .secret());
                }
            }
            Random random = new Random(18);
            Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
            for (int round = 0; round < kills; round++) {
                Process server = startServer(dataDir);
                int port = ServeProcess.port(server);
                AtomicBoolean running = new AtomicBoolean(true);
                try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
                    List<Future<?>> clients = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        int client = c;
                        clients.add(pool.submit(() -> drive(port, token, client, running, acknowledged)));
                    }
                    Thread.sleep(800 + random.nextInt(1_200));
                    server.destroyForcibly(); // SIGKILL: mid-delivery, mid-batch, mid-cursor-write
                    server.waitFor(10, TimeUnit.SECONDS);
                    running.set(false);
                    for (Future<?> f : clients) {
                        f.get(30, TimeUnit.SECONDS);
                    }
                }
            }
            Process last = startServer(dataDir);
            ServeProcess.port(last);
            try {
                awaitQuiet(healthy, flaky);
            } finally {
                last.destroy(); // SIGTERM: a graceful stop
                last.waitFor(30, TimeUnit.SECONDS);
            }
            List<Change> log;
            try (Database database = Database.open(dataDir)) {
                log = new JdbcWebhookStore(database).after(ACCOUNT, 0, 1_000_000);
            }
            int acks = acknowledged.values().stream().mapToInt(List::size).sum();
            assertThat(log.size()).as("the log holds every acknowledged change").isGreaterThanOrEqualTo(acks);
            assertThat(acks).isGreaterThan(kills * 5);
            for (Receiver r : List.of(healthy, flaky)) {
                Map<String, Receiver.Delivery> first = new LinkedHashMap<>();
                for (Receiver.Delivery d : r.deliveries()) {
                    first.putIfAbsent(d.id(), d);
                }
                Set<String> lost = new HashSet<>();
                for (Change c : log) {
                    if (!first.containsKey("msg_" + c.entry().id())) {
                        lost.add(c.entry().id().toString());
                    }
                }
                int duplicated = r.deliveries().size() - first.size();
                System.out.printf(
                        "webhook crash: %d kills, %d acknowledged changes, %d entries; %s receiver: %d delivered,"
                                + " %d duplicated, %d lost (%d attempts)%n",
                        kills,
                        acks,
                        log.size(),
                        r == healthy ? "healthy" : "flaky",
                        first.size(),
                        duplicated,
                        lost.size(),
                        r.attempts());
                assertThat(lost).as("lost").isEmpty();
                assertThat(first).hasSize(log.size());
                assertThat(r.badSignatures()).isZero();
                Map<String, Long> lastPosition = new HashMap<>();
                for (Receiver.Delivery d : first.values()) { // first arrivals: each insight's in log order
                    Long before = lastPosition.put(d.issueId(), d.position());
                    assertThat(before == null || before < d.position())
                            .as("order of %s", d.issueId())
                            .isTrue();
                }
                Map<String, List<String>> delivered = new HashMap<>();
                for (Receiver.Delivery d : first.values()) {
                    if (d.type().equals("insight.classification_changed")) {
                        var value = d.body().get("data").get("entry").get("current_value");
                        delivered
                                .computeIfAbsent(d.issueId(), k -> new ArrayList<>())
                                .add(value.isNull() ? null : value.asText());
                    }
                }
                for (Map.Entry<String, List<String>> acked : acknowledged.entrySet()) {
                    assertThat(isSubsequence(acked.getValue(), delivered.getOrDefault(acked.getKey(), List.of())))
                            .as("every acknowledged change of %s was delivered, in order", acked.getKey())
                            .isTrue();
                }
            }
        }
    }

    /** Each client owns its insights and flips them: classified, reset, classified, … */
    private static void drive(
            int port, String token, int client, AtomicBoolean running, Map<String, List<String>> acknowledged) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int n = 0;
        while (running.get()) {
            String id = "hook-" + (client + CLIENTS * (n % (INSIGHTS / CLIENTS)));
            List<String> history = acknowledged.computeIfAbsent(id, k -> new ArrayList<>());
            String next;
            synchronized (history) {
                next = history.isEmpty() || history.get(history.size() - 1) == null ? "false_positive" : null;
            }
            String body = next == null ? "{\"classification\":null}" : "{\"classification\":\"false_positive\"}";
            try {
                HttpResponse<String> answer = http.send(
                        Seeds.classify(port, id, body, token, Duration.ofSeconds(5)),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    synchronized (history) {
                        history.add(next);
                    }
                }
                Thread.sleep(50);
            } catch (IOException e) {
                return; // the server was killed
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
            if (at < needle.size() && java.util.Objects.equals(needle.get(at), value)) {
                at++;
            }
        }
        return at == needle.size();
    }

    /** Waits until both receivers hold the same messages and nothing new arrived for 3 s. */
    private static void awaitQuiet(Receiver a, Receiver b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = a.deliveries().size() + b.deliveries().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()
                    && distinct(a).equals(distinct(b))) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static Set<String> distinct(Receiver r) {
        Set<String> ids = new HashSet<>();
        r.deliveries().forEach(d -> ids.add(d.id()));
        return ids;
    }

    private static Process startServer(Path dataDir) throws IOException {
        return ServeProcess.start("--allow-private-webhook-targets", "--data-dir", dataDir.toString());
    }
}
