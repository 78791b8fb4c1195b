package io.vigil.sync;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.seal.SealFiles;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcSealStore;
import io.vigil.store.JdbcSyncLog;
import io.vigil.tenant.Scope;
import io.vigil.testing.Stores;
import io.vigil.testing.TestServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil sync} killed with SIGKILL at random points, pulling and then pushing, in a real child JVM: the next
 * run converges to upstream, nothing is duplicated (no insight twice, no decision applied twice on either side),
 * and the local change log still replays to the stored state.
 */
class SyncCrashTest {
    private static final int INSIGHTS = 1_500;
    private static final int DECIDED = 70;

    @TempDir
    Path upstreamDir;

    @TempDir
    Path localDir;

    @Test
    void killedPullsAndPushes_convergeOnTheNextRun_withNothingDuplicated() throws Exception {
        try (TestServer upstream = TestServer.start(upstreamDir);
                FaultProxy proxy = new FaultProxy(upstream.baseUrl())) {
            List<Insight> seeded = new ArrayList<>();
            for (int i = 0; i < INSIGHTS; i++) {
                seeded.add(SyncTest.insight("crash-" + i, i % 2 == 0 ? ZONE : null, i));
            }
            upstream.seed(seeded);
            String token = upstream.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
            Path tokenFile = Files.writeString(localDir.resolveSibling(localDir.getFileName() + ".token"), token);
            Path data = localDir.resolve("data");
            proxy.delay(3); // about a second per run of ~300 requests: the kills land in every phase
            SplittableRandom random = new SplittableRandom(42);

            for (int kill = 0; kill < 3; kill++) { // pulls killed part way
                killAfter(startSync(proxy, tokenFile, data, false), 200 + random.nextInt(1_200));
            }
            try (Database database = Database.open(data);
                    JdbcInsightStore store = Stores.insights(database)) {
                InsightService local = Stores.service(store);
                SyncReport whole = sync(database, data, local, proxy, token, false);
                assertThat(whole.complete()).as(whole.summary()).isTrue();
                for (Insight expected : seeded) {
                    assertThat(SyncTest.withoutExpiry(store.get(new Scope.Account(ACCOUNT), expected.id())
                                    .orElseThrow()))
                            .isEqualTo(expected);
                }
                for (int i = 0; i < DECIDED; i++) { // decisions made in Vigil, to push
                    local.classify(
                            new Scope.Account(ACCOUNT),
                            "crash-" + (i * 20 + 1),
                            new ClassificationRequest(Classification.OTHER, "decided in Vigil " + i),
                            "token:local");
                }
            }
            for (int kill = 0; kill < 3; kill++) { // pushes killed part way
                killAfter(startSync(proxy, tokenFile, data, true), 300 + random.nextInt(1_200));
            }
            try (Database database = Database.open(data);
                    JdbcInsightStore store = Stores.insights(database)) {
                InsightService local = Stores.service(store);
                SyncReport last = sync(database, data, local, proxy, token, true);
                assertThat(last.stopped()).as(last.summary()).isNull();
                SyncReport fixpoint = sync(database, data, local, proxy, token, true);
                assertThat(fixpoint.changedAnything()).as(fixpoint.summary()).isFalse();
                assertThat(fixpoint.pendingPush()).isZero();
                for (int i = 0; i < DECIDED; i++) {
                    String id = "crash-" + (i * 20 + 1);
                    assertThat(upstream.insight(ACCOUNT, id).orElseThrow().classification())
                            .as(id)
                            .isEqualTo(Classification.OTHER);
                    assertThat(upstream.changeLog(id).stream().filter("user_classification=other"::equals))
                            .as("pushed once")
                            .hasSize(1);
                }
                JdbcSealStore seals = new JdbcSealStore(database);
                sealer(database, data).run();
                SigningKey key = new SealFiles(data).keyForSealing(seals);
                assertThat(key).isNotNull();
                Verification verified = Verifier.verify(seals, key.verifyingKey(), List.of());
                assertThat(verified.breaks()).isEmpty();
            }
        }
    }

    /** Seals with the data directory's key, as the child processes did. */
    private static Runnable sealer(Database database, Path data) {
        JdbcSealStore seals = new JdbcSealStore(database);
        SealFiles files = new SealFiles(data);
        return () -> {
            SigningKey key = files.keyForSealing(seals);
            if (key != null) {
                new Sealer(seals, key, Clock.systemUTC(), files::keepHead).sealPending();
            }
        };
    }

    private static SyncReport sync(
            Database database, Path data, InsightService local, FaultProxy proxy, String token, boolean push) {
        Upstream upstream = new Upstream(
                proxy.uri(),
                token,
                Integer.MAX_VALUE,
                Duration.ofSeconds(10),
                HttpClient.newHttpClient(),
                Clock.systemUTC(),
                new SplittableRandom(3));
        return new Sync(local, new JdbcSyncLog(database), sealer(database, data))
                .run(upstream, ACCOUNT, List.of(), false, push, line -> {});
    }

    private static Process startSync(FaultProxy proxy, Path tokenFile, Path data, boolean push) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.vigil.Main",
                "sync",
                "--account",
                ACCOUNT,
                "--from",
                proxy.uri().toString(),
                "--token-file",
                tokenFile.toString(),
                "--data-dir",
                data.toString()));
        if (push) {
            command.add("--push");
        }
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void killAfter(Process sync, long millis) throws Exception {
        Thread.sleep(millis);
        sync.destroyForcibly(); // SIGKILL
        sync.waitFor();
    }
}
