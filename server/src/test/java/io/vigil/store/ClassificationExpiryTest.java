package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.UuidV7;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Expirer;
import io.vigil.insight.ExpiryPolicy;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightState;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.seal.Verification;
import io.vigil.seal.Verifier;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Postgres;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classifications that expire, on each database: the expiry is set, moved and cleared through the change log,
 * and when it passes exactly one reset is recorded, as {@code system}, however many nodes race to make it.
 */
class ClassificationExpiryTest {
    private static final Scope SCOPE = new Scope.Account(ACCOUNT);
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dataDir;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = now::get;

    /** One node: its own database handle and store, on the test's clock. */
    private record Node(Database database, JdbcInsightStore store, InsightService service, Expirer expirer)
            implements AutoCloseable {
        @Override
        public void close() {
            store.close();
            database.close();
        }
    }

    private Node node(String kind, String url, ExpiryPolicy policy) {
        Database database = kind.equals("postgres") ? Database.open(url) : Database.open(dataDir);
        JdbcInsightStore store = new JdbcInsightStore(database, new UuidV7(clock, new SplittableRandom()));
        return new Node(database, store, new InsightService(store, policy, clock), new Expirer(store, clock));
    }

    private static String url(String kind) {
        return kind.equals("postgres") ? Postgres.freshDatabaseUrl() : "";
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void expiry_isSetMovedAndClearedThroughTheLog(String kind) {
        try (Node node = node(kind, url(kind), ExpiryPolicy.NONE)) {
            InsightService service = node.service();
            service.importInsights(List.of(Insights.inAccount("e1", ACCOUNT)));
            Instant first = T0.plus(Duration.ofDays(30));
            Instant moved = T0.plus(Duration.ofDays(60));
            service.classify(SCOPE, "e1", new ClassificationRequest(Classification.ACCEPT_RISK, "why", first), "t:a");
            assertThat(service.require(SCOPE, "e1").classificationExpiresOn()).isEqualTo(first);
            // the same value again: without an expiry nothing changes; with another one the expiry moves
            service.classify(SCOPE, "e1", new ClassificationRequest(Classification.ACCEPT_RISK, "why"), "t:a");
            service.classify(SCOPE, "e1", new ClassificationRequest(Classification.ACCEPT_RISK, "why", moved), "t:a");
            assertThat(service.require(SCOPE, "e1").classificationExpiresOn()).isEqualTo(moved);
            service.classify(SCOPE, "e1", new ClassificationRequest(null, null), "t:a");
            InsightState reset = service.require(SCOPE, "e1");
            assertThat(reset.classification()).isNull();
            assertThat(reset.classificationExpiresOn()).isNull();

            assertThat(entries(node.database(), "e1"))
                    .extracting(e -> e.fieldChanged().wireName() + " " + e.previousValue() + " -> " + e.currentValue())
                    .containsExactly(
                            "user_classification null -> accept_risk",
                            "classification_expires_on null -> 2026-07-01T12:00:00Z",
                            "classification_expires_on 2026-07-01T12:00:00Z -> 2026-07-31T12:00:00Z",
                            "user_classification accept_risk -> null",
                            "classification_expires_on 2026-07-31T12:00:00Z -> null");
            assertThat(verify(node.database()).breaks()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void passedExpiry_isResetOnceAsSystem_andShowsInCloudflaresViewAsAReset(String kind) {
        try (Node node = node(kind, url(kind), ExpiryPolicy.NONE)) {
            InsightService service = node.service();
            service.importInsights(List.of(Insights.inAccount("e1", ACCOUNT), Insights.inAccount("e2", ACCOUNT)));
            Instant expires = T0.plus(Duration.ofHours(1));
            service.classify(SCOPE, "e1", new ClassificationRequest(Classification.OTHER, "why", expires), "t:a");
            service.classify(SCOPE, "e2", new ClassificationRequest(Classification.FALSE_POSITIVE, null), "t:a");

            now.set(expires.minusMillis(1));
            assertThat(node.expirer().expireDue(100)).isZero();
            now.set(expires);
            assertThat(node.expirer().expireDue(100)).isEqualTo(1);
            assertThat(node.expirer().expireDue(100)).isZero();

            assertThat(service.require(SCOPE, "e1").classification()).isNull();
            assertThat(service.require(SCOPE, "e2").classification()).isEqualTo(Classification.FALSE_POSITIVE);
            List<AuditEntry> trail = entries(node.database(), "e1");
            AuditEntry reset = trail.get(trail.size() - 2);
            assertThat(reset.fieldChanged()).isEqualTo(AuditField.USER_CLASSIFICATION);
            assertThat(reset.fieldChanged().inCloudflareView()).isTrue();
            assertThat(reset.previousValue()).isEqualTo("other");
            assertThat(reset.currentValue()).isNull();
            assertThat(reset.changedBy()).isEqualTo(AuditEntry.SYSTEM);
            assertThat(reset.rationale()).isEqualTo("classification 'other' expired on 2026-06-01T13:00:00Z");
            assertThat(trail.get(trail.size() - 1).fieldChanged()).isEqualTo(AuditField.CLASSIFICATION_EXPIRES_ON);
            assertThat(verify(node.database()).breaks()).isEmpty();
        }
    }

    /**
     * An expiry written into the database without an entry (issue 28): never acted on, so no genuine-looking
     * {@code system} reset launders it; verify names the insight. A moved expiry whose entry was deleted too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void plantedExpiry_isNotActedOn_andVerifyNamesIt(String kind) {
        try (Node node = node(kind, url(kind), ExpiryPolicy.NONE)) {
            InsightService service = node.service();
            service.importInsights(List.of(
                    Insights.inAccount("e1", ACCOUNT),
                    Insights.inAccount("e2", ACCOUNT),
                    Insights.inAccount("e3", ACCOUNT)));
            service.classify(SCOPE, "e1", new ClassificationRequest(Classification.ACCEPT_RISK, "kept"), "t:a");
            Instant honest = T0.plus(Duration.ofHours(2));
            service.classify(SCOPE, "e2", new ClassificationRequest(Classification.OTHER, "why", honest), "t:a");
            service.classify(SCOPE, "e3", new ClassificationRequest(Classification.OTHER, "why", honest), "t:a");
            long planted = T0.plus(Duration.ofHours(1)).toEpochMilli();
            node.database().inTransaction(connection -> {
                try (var p = connection.prepareStatement(
                        "UPDATE insights SET classification_expires_ms = ? WHERE id IN ('e1', 'e3')")) {
                    p.setLong(1, planted);
                    p.executeUpdate();
                }
            });
            int entries = entries(node.database(), "e1").size()
                    + entries(node.database(), "e3").size();

            now.set(honest);
            assertThat(node.expirer().expireDue(100)).isEqualTo(1); // e2 only
            assertThat(service.require(SCOPE, "e1").classification()).isEqualTo(Classification.ACCEPT_RISK);
            assertThat(service.require(SCOPE, "e3").classification()).isEqualTo(Classification.OTHER);
            assertThat(service.require(SCOPE, "e2").classification()).isNull();
            assertThat(entries(node.database(), "e1").size()
                            + entries(node.database(), "e3").size())
                    .isEqualTo(entries);
            assertThat(verify(node.database()).breaks())
                    .extracting(io.vigil.seal.Verification.Break::message)
                    .anySatisfy(message -> assertThat(message).contains("insight e1"))
                    .anySatisfy(message -> assertThat(message).contains("insight e3"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void nodesRacingToExpireTheSameInsights_resetEachOnce(String kind) throws Exception {
        String url = url(kind);
        int insights = 300;
        try (Node a = node(kind, url, ExpiryPolicy.NONE);
                Node b = node(kind, url, ExpiryPolicy.NONE)) {
            List<io.vigil.insight.Insight> batch = new ArrayList<>();
            for (int i = 0; i < insights; i++) {
                batch.add(Insights.inAccount("race-" + i, ACCOUNT));
            }
            a.service().importInsights(batch);
            for (int i = 0; i < insights; i++) {
                Instant expires = T0.plusSeconds(60 + i % 7);
                (i % 2 == 0 ? a : b)
                        .service()
                        .classify(
                                SCOPE,
                                "race-" + i,
                                new ClassificationRequest(Classification.FALSE_POSITIVE, null, expires),
                                "t:a");
            }
            now.set(T0.plus(Duration.ofMinutes(5)));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Expirer expirer = (w % 2 == 0 ? a : b).expirer();
                Callable<Integer> expire = () -> expirer.expireDue(insights);
                runs.add(pool.submit(expire));
            }
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get();
            }
            pool.shutdown();
            assertThat(total).as("resets made, over all workers").isEqualTo(insights);
            long resets = count(
                    a.database(),
                    "SELECT count(*) FROM audit_log WHERE field_changed = 'user_classification' AND changed_by = 'system'");
            assertThat(resets).isEqualTo(insights);
            assertThat(count(a.database(), "SELECT count(*) FROM insights WHERE user_classification IS NOT NULL"))
                    .isZero();
            assertThat(verify(a.database()).breaks()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void policy_refusesAMissingOrFarExpiry_andChangesNothing(String kind) {
        ExpiryPolicy policy = new ExpiryPolicy(Duration.ofDays(365), java.util.Map.of())
                .requiring(Classification.ACCEPT_RISK, Duration.ofDays(90));
        try (Node node = node(kind, url(kind), policy)) {
            InsightService service = node.service();
            service.importInsights(List.of(Insights.inAccount("p1", ACCOUNT)));
            assertThatThrownBy(() -> service.classify(
                            SCOPE, "p1", new ClassificationRequest(Classification.ACCEPT_RISK, "why"), "t:a"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("--require-expiry accept_risk=90d");
            assertThatThrownBy(() -> service.classify(
                            SCOPE,
                            "p1",
                            new ClassificationRequest(Classification.ACCEPT_RISK, "why", T0.plus(Duration.ofDays(91))),
                            "t:a"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("at most 90d ahead");
            assertThatThrownBy(() -> service.classify(
                            SCOPE, "p1", new ClassificationRequest(Classification.OTHER, "why", T0), "t:a"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("must be in the future");
            assertThat(entries(node.database(), "p1")).isEmpty();
            // a classification the policy does not name needs no expiry
            service.classify(SCOPE, "p1", new ClassificationRequest(Classification.FALSE_POSITIVE, null), "t:a");
            assertThat(service.require(SCOPE, "p1").classification()).isEqualTo(Classification.FALSE_POSITIVE);
        }
    }

    private static List<AuditEntry> entries(Database database, String issueId) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT " + InsightRows.AUDIT_COLUMNS + " FROM audit_log WHERE issue_id = ? ORDER BY position")) {
                p.setString(1, issueId);
                try (ResultSet rs = p.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        entries.add(InsightRows.auditEntry(rs));
                    }
                    return entries;
                }
            }
        });
    }

    private static Verification verify(Database database) {
        SigningKey key = SigningKey.generate();
        JdbcSealStore seals = new JdbcSealStore(database);
        new Sealer(seals, key, Clock.systemUTC(), seal -> {}).sealPending();
        return Verifier.verify(seals, key.verifyingKey(), List.of());
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
