package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import io.vigil.error.ConflictException;
import io.vigil.error.UnavailableException;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.job.Jobs;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sealing beside writers and beside other sealers: one chain, every committed entry sealed exactly once, even one
 * whose transaction took its id before others committed and committed after they were sealed.
 */
class SealingRaceTest {
    private static final Scope SCOPE = new Scope.Account(ACCOUNT);
    private static final int INSIGHTS = 40;

    @TempDir
    Path dataDir;

    private final SigningKey key = SigningKey.generate();

    /** One node: its own database handle, writer and sealer. */
    private record Node(Database database, JdbcInsightStore store, InsightService service, Sealer sealer) {
        static Node open(String kind, String url, Path dataDir, SigningKey key) {
            Database database = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
            JdbcInsightStore store = Stores.insights(database);
            Sealer sealer = new Sealer(new JdbcSealStore(database), key, Clock.systemUTC(), seal -> {});
            return new Node(database, store, new InsightService(store), sealer);
        }

        void close() {
            store.close();
            sealer.sealPending();
            database.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void twoNodesWritingAndSealing_makeOneChain_withEveryEntryOnce(String kind) throws Exception {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : "";
        Node a = Node.open(kind, url, dataDir, key);
        Node b = Node.open(kind, url, dataDir, key);
        try {
            List<Insight> insights = new ArrayList<>();
            for (int i = 0; i < INSIGHTS; i++) {
                insights.add(Insights.inAccount("insight-" + i, ACCOUNT));
            }
            a.service().importInsights(insights);
            Jobs jobs = new Jobs(new SimpleMeterRegistry(), Clock.systemUTC()); // as each node's server runs them
            jobs.every("a", Duration.ofMillis(20), a.sealer()::sealPending);
            jobs.every("b", Duration.ofMillis(20), b.sealer()::sealPending);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong requests = new AtomicLong();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                InsightService service = (w % 2 == 0 ? a : b).service();
                SplittableRandom random = new SplittableRandom(w);
                running.add(writers.submit(() -> {
                    while (!stop.get()) {
                        String id = "insight-" + random.nextInt(INSIGHTS);
                        try {
                            if (random.nextBoolean()) {
                                service.dismiss(SCOPE, id, random.nextBoolean(), "token:w");
                            } else {
                                service.classify(SCOPE, id, new ClassificationRequest(null, null), "token:w");
                                service.classify(
                                        SCOPE,
                                        id,
                                        new ClassificationRequest(Classification.FALSE_POSITIVE, null),
                                        "token:w");
                            }
                        } catch (ConflictException | UnavailableException refused) {
                            // another writer changed it in between (409), or PostgreSQL broke a deadlock between
                            // a dismissal batch and another batch (503, retry): answers that change nothing
                        }
                        requests.incrementAndGet();
                    }
                    return null;
                }));
            }
            Thread.sleep(3_000);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            writers.shutdown();
            jobs.close();
            a.sealer().sealPending();
            b.sealer().sealPending();
            JdbcSealStore seals = new JdbcSealStore(a.database());
            Verification result = Verifier.verify(seals, key.verifyingKey(), List.of());
            assertThat(result.breaks()).isEmpty();
            assertThat(result.unsealed()).isZero();
            assertThat(requests.get()).isPositive();
            assertThat(result.entries()).isEqualTo(count(a.database(), "SELECT count(*) FROM audit_log"));
            assertThat(result.seals()).isGreaterThan(2);
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * The classic trap of numbering entries before they commit: a transaction that appended an entry and has not
     * committed holds the position lock, so a later writer's entry waits behind it instead of taking the next
     * position first, and a sealer never sees a position whose predecessor commits later.
     */
    @Test
    void entryNotCommittedYet_holdsTheNextWriterBack_andNoPositionIsSkipped() throws Exception {
        String url = Postgres.freshDatabaseUrl();
        Node node = Node.open("postgres", url, dataDir, key);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Connection late = DriverManager.getConnection(url)) {
            node.service()
                    .importInsights(List.of(Insights.inAccount("early", ACCOUNT), Insights.inAccount("x", ACCOUNT)));
            late.setAutoCommit(false);
            late.createStatement().execute("UPDATE insights SET dismissed = 1 WHERE id = 'early'");
            EntryAppender entries = new EntryAppender(Dialect.POSTGRES);
            entries.add(new AuditEntry(
                    UUID.fromString("00000000-0000-7000-8000-000000000001"),
                    "early",
                    ACCOUNT,
                    null,
                    AuditField.DISMISSED,
                    "false",
                    "true",
                    null,
                    "token:late",
                    Instant.ofEpochMilli(1)));
            entries.write(late);
            Future<?> classified = writer.submit(() -> node.service()
                    .classify(SCOPE, "x", new ClassificationRequest(Classification.OTHER, "why"), "token:t"));
            Thread.sleep(300);
            assertThat(classified)
                    .as("the later writer waits for the position lock")
                    .isNotDone();
            assertThat(node.sealer().sealPending())
                    .as("nothing is committed yet")
                    .isNull();
            late.commit();
            classified.get(10, TimeUnit.SECONDS);
            Seal seal = node.sealer().sealPending();
            assertThat(seal).isNotNull();
            assertThat(seal.firstPosition()).isEqualTo(1);
            assertThat(seal.lastPosition()).isEqualTo(2);
            Verification result =
                    Verifier.verify(new JdbcSealStore(node.database()), key.verifyingKey(), List.of(seal.checkpoint()));
            assertThat(result.breaks()).isEmpty();
            assertThat(result.entries()).isEqualTo(2);
        } finally {
            writer.shutdownNow();
            node.close();
        }
    }

    /**
     * Two nodes whose clocks disagree: the node behind makes the later change's id sort before the earlier one's.
     * The sealer follows the order the entries were written in, not their ids, so the chain replays cleanly.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void nodeWithAClockBehind_writesTheLaterChange_andTheChainStillReplays(String kind) {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : "";
        Database ahead = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
        Database behind = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
        Instant now = Instant.now();
        JdbcInsightStore first = new JdbcInsightStore(
                ahead, new UuidV7(Clock.fixed(now.plusSeconds(60), ZoneOffset.UTC), new SplittableRandom(1)));
        JdbcInsightStore second =
                new JdbcInsightStore(behind, new UuidV7(Clock.fixed(now, ZoneOffset.UTC), new SplittableRandom(2)));
        try {
            InsightService a = new InsightService(first);
            InsightService b = new InsightService(second);
            a.importInsights(List.of(Insights.inAccount("skewed", ACCOUNT)));
            a.classify(SCOPE, "skewed", new ClassificationRequest(Classification.FALSE_POSITIVE, null), "token:a");
            b.classify(SCOPE, "skewed", new ClassificationRequest(null, null), "token:b");
            a.dismiss(SCOPE, "skewed", true, "token:a");
            b.dismiss(SCOPE, "skewed", false, "token:b");
            JdbcSealStore seals = new JdbcSealStore(ahead);
            assertThat(new Sealer(seals, key, Clock.fixed(now, ZoneOffset.UTC), seal -> {}).sealPending())
                    .isNotNull();
            Verification result = Verifier.verify(seals, key.verifyingKey(), List.of());
            assertThat(result.breaks()).isEmpty();
            assertThat(result.entries()).isEqualTo(4);
        } finally {
            first.close();
            second.close();
            ahead.close();
            behind.close();
        }
    }

    private static long count(Database database, String sql) {
        return database.read(connection -> {
            try (var s = connection.createStatement();
                    var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
