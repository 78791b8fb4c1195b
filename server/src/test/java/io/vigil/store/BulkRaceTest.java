package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.bulk.BulkChange;
import io.vigil.bulk.BulkOutcome;
import io.vigil.bulk.BulkRequest;
import io.vigil.bulk.Bulks;
import io.vigil.error.ConflictException;
import io.vigil.error.UnavailableException;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightService;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bulk classifications racing single ones on the same insights, on two nodes: no lost update. Every change
 * either landed with its entries or was refused, so the change log replays to exactly the stored state.
 */
class BulkRaceTest {
    private static final Scope SCOPE = new Scope.Account(ACCOUNT);
    private static final int INSIGHTS = 60;

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void bulksAndSinglePatches_onTheSameInsights_loseNoUpdate(String kind) throws Exception {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : "";
        Database first = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
        Database second = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
        JdbcInsightStore a = Stores.insights(first);
        JdbcInsightStore b = Stores.insights(second);
        try {
            List<Insight> insights = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < INSIGHTS; i++) {
                insights.add(Insights.inAccount("race-" + i, ACCOUNT));
                ids.add("race-" + i);
            }
            new InsightService(a).importInsights(insights);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong applied = new AtomicLong();
            AtomicLong singles = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                InsightService service = new InsightService(w % 2 == 0 ? a : b);
                Bulks bulks = new Bulks(w % 2 == 0 ? a : b, w % 2 == 0 ? a : b);
                SplittableRandom random = new SplittableRandom(w);
                boolean bulk = w < 2;
                running.add(pool.submit(() -> {
                    while (!stop.get()) {
                        Classification to = random.nextBoolean() ? Classification.FALSE_POSITIVE : null;
                        try {
                            if (bulk) {
                                int from = random.nextInt(INSIGHTS - 20);
                                BulkOutcome outcome = bulks.changeAll(
                                        SCOPE,
                                        new BulkRequest(
                                                ids.subList(from, from + 20),
                                                new ClassificationRequest(to, null),
                                                false),
                                        "token:bulk");
                                assertThat(outcome.applied()).isTrue();
                                applied.incrementAndGet();
                            } else {
                                service.classify(
                                        SCOPE,
                                        ids.get(random.nextInt(INSIGHTS)),
                                        new ClassificationRequest(to, null),
                                        "token:single");
                                singles.incrementAndGet();
                            }
                        } catch (ConflictException | UnavailableException refused) {
                            // a direct change refused, a bulk with one such insight refused whole, or a retry
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(2_000);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            assertThat(applied.get()).as("bulks applied").isPositive();
            assertThat(singles.get()).as("single changes applied").isPositive();
            SigningKey key = SigningKey.generate();
            JdbcSealStore seals = new JdbcSealStore(first);
            new Sealer(seals, key, Clock.systemUTC(), seal -> {}).sealPending();
            Verification result = Verifier.verify(seals, key.verifyingKey(), List.of());
            assertThat(result.breaks()).isEmpty();
        } finally {
            a.close();
            b.close();
            first.close();
            second.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void bulkDismissals_racingSingleDismissalsAndClassifications_loseNoUpdate(String kind) throws Exception {
        String url = kind.equals("postgres") ? Postgres.freshDatabaseUrl() : "";
        Database first = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
        Database second = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
        JdbcInsightStore a = Stores.insights(first);
        JdbcInsightStore b = Stores.insights(second);
        try {
            List<Insight> insights = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < INSIGHTS; i++) {
                insights.add(Insights.inAccount("dismiss-race-" + i, ACCOUNT));
                ids.add("dismiss-race-" + i);
            }
            new InsightService(a).importInsights(insights);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong applied = new AtomicLong();
            Queue<UnavailableException> unavailables = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                InsightService service = new InsightService(w % 2 == 0 ? a : b);
                Bulks bulks = new Bulks(w % 2 == 0 ? a : b, w % 2 == 0 ? a : b);
                SplittableRandom random = new SplittableRandom(w);
                int role = w / 2; // 0: bulk dismissals, 1: single dismissals, 2: single classifications
                running.add(pool.submit(() -> {
                    while (!stop.get()) {
                        boolean yes = random.nextBoolean();
                        String id = ids.get(random.nextInt(INSIGHTS));
                        try {
                            switch (role) {
                                case 0 -> {
                                    int from = random.nextInt(INSIGHTS - 20);
                                    BulkOutcome outcome = bulks.changeAll(
                                            SCOPE,
                                            new BulkRequest(
                                                    ids.subList(from, from + 20),
                                                    null,
                                                    new BulkChange.Dismiss(yes),
                                                    false,
                                                    null),
                                            "token:bulk");
                                    assertThat(outcome.applied()).isTrue();
                                    applied.incrementAndGet();
                                }
                                case 1 -> service.dismiss(SCOPE, id, yes, "token:single");
                                default ->
                                    service.classify(
                                            SCOPE,
                                            id,
                                            new ClassificationRequest(yes ? Classification.OTHER : null, "r"),
                                            "token:single");
                            }
                        } catch (ConflictException refused) {
                            // a direct change refused: retry
                        } catch (UnavailableException unavailable) {
                            unavailables.add(unavailable);
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(2_000);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();
            assertThat(applied.get()).as("bulks applied").isPositive();
            // Every transaction takes its locks in one order (list version, insights by id, change-log position),
            // so none waits for another in a cycle: no deadlock, no 503 to retry.
            assertThat(unavailables).as("writes answered 503").isEmpty();
            SigningKey key = SigningKey.generate();
            JdbcSealStore seals = new JdbcSealStore(first);
            new Sealer(seals, key, Clock.systemUTC(), seal -> {}).sealPending();
            Verification result = Verifier.verify(seals, key.verifyingKey(), List.of());
            assertThat(result.breaks()).isEmpty();
            for (JdbcInsightStore node : List.of(a, b)) { // each node's remembered list positions stay true
                List<String> whole = node.list(SCOPE, InsightFilter.DEFAULT, 1, 1_000).issues().stream()
                        .map(Insight::id)
                        .toList();
                List<String> paged = new ArrayList<>();
                for (int page = 1; page <= (whole.size() + 6) / 7; page++) {
                    node.list(SCOPE, InsightFilter.DEFAULT, page, 7).issues().forEach(i -> paged.add(i.id()));
                }
                assertThat(paged).isEqualTo(whole);
            }
        } finally {
            a.close();
            b.close();
            first.close();
            second.close();
        }
    }
}
