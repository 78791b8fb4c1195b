package io.vigil.sync;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStatus;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcSyncLog;
import io.vigil.sync.FaultProxy.Fault;
import io.vigil.tenant.Scope;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import io.vigil.testing.TestServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code vigil sync} through a proxy that injects faults between it and a real upstream Vigil: 429 with
 * {@code Retry-After}, 500, 503, a hanging answer, a connection reset mid-page, pages that shift while they are
 * read, a budget that runs out. Each run either converges or stops saying why; the next run converges; nothing is
 * duplicated or lost, and the budget is never exceeded.
 */
class SyncFaultsTest {
    @TempDir
    Path upstreamDir;

    @TempDir
    Path localDir;

    TestServer upstream;
    FaultProxy proxy;
    String token;
    Database database;
    JdbcInsightStore store;
    InsightService local;
    Sync sync;
    List<Insight> seeded = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        upstream = TestServer.start(upstreamDir);
        proxy = new FaultProxy(upstream.baseUrl());
        token = upstream.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        boolean postgres = "postgres".equals(System.getProperty("vigil.test.database"));
        database = postgres ? Database.open(Postgres.freshDatabaseUrl()) : Database.open(localDir);
        store = Stores.insights(database);
        local = Stores.service(store);
        sync = new Sync(local, new JdbcSyncLog(database), SyncTest.sealer(database));
    }

    @AfterEach
    void stop() {
        store.close();
        database.close();
        proxy.close();
        upstream.close();
    }

    void seed(int n) {
        List<Insight> insights = new ArrayList<>();
        for (int i = seeded.size(); i < seeded.size() + n; i++) {
            insights.add(SyncTest.insight("fault-" + i, i % 2 == 0 ? ZONE : null, i));
        }
        upstream.seed(insights);
        seeded.addAll(insights);
    }

    SyncReport run(int budget) {
        Upstream client = new Upstream(
                proxy.uri(),
                token,
                budget,
                Duration.ofSeconds(2),
                HttpClient.newHttpClient(),
                Clock.systemUTC(),
                new SplittableRandom(11));
        return sync.run(client, ACCOUNT, List.of(), false, false, line -> {});
    }

    void assertMirrored() {
        for (Insight expected : seeded) {
            Insight mirrored =
                    store.get(new Scope.Account(ACCOUNT), expected.id()).orElseThrow();
            assertThat(SyncTest.withoutExpiry(mirrored)).as(expected.id()).isEqualTo(expected);
        }
        assertThat(local.list(new Scope.Account(ACCOUNT), io.vigil.insight.InsightFilter.DEFAULT, 1, 1000)
                        .totalCount())
                .as("nothing duplicated")
                .isEqualTo(seeded.stream().filter(i -> !i.dismissed()).count());
    }

    @Test
    void rateLimitsErrorsHangsAndResets_areRetried_andTheMirrorIsWhole() {
        seed(120);
        proxy.then(Fault.RATE_LIMITED, Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.HANG, Fault.RESET);

        SyncReport report = run(Integer.MAX_VALUE);

        assertThat(report.stopped()).as(report.summary()).isNull();
        assertThat(report.complete()).isTrue();
        assertMirrored();
        assertThat(report.requests()).as("every attempt counted").isEqualTo(proxy.requests());
        long contexts = seeded.stream().filter(Insight::hasExtendedContext).count();
        // 1 zone list, 2 zone listings, 2 account listings, contexts, and the 5 faults' retries
        assertThat(report.requests()).isEqualTo(1 + 2 + 2 + (int) contexts + 5);
    }

    @Test
    void aBudgetUsedUp_stopsSayingWhy_withinTheBudget_andTheNextRunConverges() {
        seed(120);
        SyncReport cut = run(4);
        assertThat(cut.stopped()).as(cut.summary()).contains("budget");
        assertThat(cut.complete()).isFalse();
        assertThat(cut.requests()).isEqualTo(4);
        assertThat(proxy.requests()).as("never more than the budget").isEqualTo(4);
        assertThat(cut.resolved()).isZero();

        SyncReport rest = run(Integer.MAX_VALUE); // goes on from where the first stopped
        assertThat(rest.stopped()).as(rest.summary()).isNull();
        // Together the two runs read what one whole run reads, each context once, and the account's listing
        // (2 parts of one page) a second time: the run that places the account's own insights did not read it.
        assertThat(rest.requests() + cut.requests())
                .isEqualTo(run(Integer.MAX_VALUE).requests()
                        + (int) seeded.stream()
                                .filter(Insight::hasExtendedContext)
                                .count()
                        + 2);
        assertMirrored();
        assertThat(run(Integer.MAX_VALUE).complete()).isTrue();
    }

    @Test
    void anInsightGoneUpstream_isResolved_onlyAfterAWholeListing() {
        seed(60);
        run(Integer.MAX_VALUE);
        proxy.hide("fault-7");
        SyncReport failed = run(2); // stops in the account's listing, so it resolves nothing
        assertThat(failed.stopped()).as(failed.summary()).isNotNull();
        assertThat(status("fault-7")).isEqualTo(InsightStatus.ACTIVE);

        SyncReport report = run(Integer.MAX_VALUE);
        assertThat(report.resolved()).as(report.summary()).isEqualTo(1);
        assertThat(status("fault-7")).isEqualTo(InsightStatus.RESOLVED);
        assertThat(run(Integer.MAX_VALUE).changedAnything()).isFalse();
    }

    @Test
    void pagesThatShiftWhileRead_makeARunIncomplete_andTheNextOneConverges() {
        seed(2_300); // the zone's listing has two pages
        proxy.before( // before the zone listing's second page, upstream gains insights
                uri -> uri.contains("/zones/" + ZONE + "/") && uri.contains("page=2"), () -> seed(5));
        SyncReport moved = run(Integer.MAX_VALUE);
        assertThat(moved.complete()).as(moved.summary()).isFalse();
        assertThat(moved.resolved()).isZero();

        SyncReport settled = run(Integer.MAX_VALUE);
        assertThat(settled.complete()).as(settled.summary()).isTrue();
        assertMirrored();
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 10, 27})
    void aBudgetSmallerThanOneRun_goesOnEveryRun_untilComplete_fetchingNoContextTwice(int budget) {
        seed(1_250); // the account's listing: 2 pages not dismissed and 1 dismissed; the zone's: 1 and 1
        String before = null;
        int runs = 0;
        SyncReport report;
        do {
            report = run(budget);
            runs++;
            assertThat(report.requests()).isLessThanOrEqualTo(budget);
            String at = report.goesOn();
            assertThat(report.added() + report.updated() > 0 || !java.util.Objects.equals(at, before))
                    .as("run %d made progress: %s", runs, report.summary())
                    .isTrue();
            before = at;
            assertThat(runs).as("runs").isLessThan(200);
        } while (report.stopped() != null);
        assertMirrored();
        List<String> contexts =
                proxy.paths().stream().filter(path -> path.endsWith("/context")).toList();
        assertThat(contexts).doesNotHaveDuplicates();
        assertThat(contexts).hasSize((int)
                seeded.stream().filter(Insight::hasExtendedContext).count());
        SyncReport after = run(Integer.MAX_VALUE);
        assertThat(after.complete()).as(after.summary()).isTrue();
        assertThat(after.changedAnything()).as(after.summary()).isFalse();
    }

    InsightStatus status(String id) {
        return store.get(new Scope.Account(ACCOUNT), id).orElseThrow().status();
    }
}
