package io.vigil.sync;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.auth.Permission;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import io.vigil.seal.Sealer;
import io.vigil.seal.SigningKey;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcSealStore;
import io.vigil.store.JdbcSyncLog;
import io.vigil.tenant.Scope;
import io.vigil.testing.AuditTrail;
import io.vigil.testing.Postgres;
import io.vigil.testing.Stores;
import io.vigil.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil sync} against a real second Vigil as upstream (its own data directory, database and tokens): the
 * mirror equals upstream, a second sync writes nothing, decisions made upstream arrive as {@code upstream}'s,
 * and decisions made on both sides are reconciled by the documented policy. The local store is SQLite, or
 * PostgreSQL in the build's PostgreSQL run (as the upstream server is).
 */
class SyncTest {
    static final String THIRD_ZONE = "cccccccccccccccccccccccccccccc03";

    @TempDir
    Path upstreamDir;

    @TempDir
    Path localDir;

    TestServer upstream;
    String token;
    Database database;
    JdbcInsightStore store;
    InsightService local;
    Sync sync;
    Map<String, Insight> seeded = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        upstream = TestServer.start(upstreamDir);
        token = upstream.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        boolean postgres = "postgres".equals(System.getProperty("vigil.test.database"));
        database = postgres ? Database.open(Postgres.freshDatabaseUrl()) : Database.open(localDir);
        store = Stores.insights(database);
        local = Stores.service(store);
        sync = new Sync(local, new JdbcSyncLog(database), SyncTest.sealer(database));
        List<String> zones = List.of(ZONE, SIBLING_ZONE, THIRD_ZONE);
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < 1_250; i++) { // more than one page of 1,000 in the first zone
            String zone = i < 1_100 ? ZONE : i % 5 == 0 ? null : zones.get(i % 3);
            insights.add(insight("sync-" + i, zone, i));
        }
        insights.forEach(i -> seeded.put(i.id(), i));
        upstream.seed(insights);
    }

    @AfterEach
    void stop() {
        store.close();
        database.close();
        upstream.close();
    }

    Upstream client(URI base, int budget) {
        return new Upstream(
                base,
                token,
                budget,
                Duration.ofSeconds(2),
                HttpClient.newHttpClient(),
                Clock.systemUTC(),
                new SplittableRandom(7));
    }

    SyncReport run(URI base, int budget) {
        return sync.run(client(base, budget), ACCOUNT, List.of(), false, false, line -> {});
    }

    URI upstreamUri() {
        return URI.create(upstream.baseUrl());
    }

    @Test
    void fullSync_equalsUpstream_andASecondSyncWritesNothing() {
        SyncReport first = run(upstreamUri(), Integer.MAX_VALUE);

        assertThat(first.complete()).as(first.summary()).isTrue();
        assertThat(first.added()).isEqualTo(seeded.size());
        assertThat(first.conflicts()).isEmpty();
        assertMirrored();
        // the zone list; the zones' listings (the first zone: 2 pages not dismissed and 1 dismissed; 2 more zones:
        // 1 each); the account's (which lists its zones' insights too: 2 + 1); one context per insight that has one
        long contexts =
                seeded.values().stream().filter(Insight::hasExtendedContext).count();
        assertThat(first.requests()).isEqualTo(1 + 3 + 2 * 2 + 3 + (int) contexts);

        SyncReport second = run(upstreamUri(), Integer.MAX_VALUE);
        assertThat(second.changedAnything()).as(second.summary()).isFalse();
        assertThat(second.requests()).as("contexts are not fetched again").isEqualTo(first.requests() - contexts);
        assertMirrored();
    }

    @Test
    void decisionsMadeUpstream_arriveAsUpstreams_andBothSidesConvergeByThePolicy() {
        run(upstreamUri(), Integer.MAX_VALUE);
        String classifiedUpstream = "sync-3"; // accept_risk upstream from the start
        assertThat(AuditTrail.of(database, ACCOUNT, classifiedUpstream))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.changedBy()).isEqualTo(Sync.ACTOR);
                    assertThat(entry.currentValue()).isEqualTo("accept_risk");
                });

        // Upstream moves sync-1 and sync-2; Vigil moves sync-2 differently, and sync-4.
        patchUpstream("sync-1", "{\"classification\":\"false_positive\"}");
        patchUpstream("sync-2", "{\"classification\":\"other\",\"rationale\":\"upstream says\"}");
        local.classify(
                new Scope.Account(ACCOUNT),
                "sync-2",
                new io.vigil.insight.ClassificationRequest(Classification.FALSE_POSITIVE, null),
                "token:local");
        local.classify(
                new Scope.Account(ACCOUNT),
                "sync-4",
                new io.vigil.insight.ClassificationRequest(Classification.FALSE_POSITIVE, null),
                "token:local");
        upstream.send(
                "PUT",
                "/accounts/" + ACCOUNT + "/security-center/insights/sync-5/dismiss",
                "{\"dismiss\":true}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + token);

        SyncReport report = run(upstreamUri(), Integer.MAX_VALUE);

        assertThat(report.decisionsPulled()).as(report.summary()).isEqualTo(2); // sync-1, sync-5's dismissal
        assertThat(report.conflicts()).singleElement().asString().startsWith("sync-2:");
        assertThat(report.pendingPush()).isEqualTo(1); // sync-4
        assertThat(classification("sync-1")).isEqualTo(Classification.FALSE_POSITIVE);
        assertThat(classification("sync-2")).as("Vigil's kept").isEqualTo(Classification.FALSE_POSITIVE);
        assertThat(classification("sync-4")).isEqualTo(Classification.FALSE_POSITIVE);
        assertThat(store.get(new Scope.Account(ACCOUNT), "sync-5").orElseThrow().dismissed())
                .isTrue();
        List<AuditEntry> trail = AuditTrail.of(database, ACCOUNT, "sync-1");
        assertThat(trail)
                .last()
                .satisfies(entry -> assertThat(entry.changedBy()).isEqualTo(Sync.ACTOR));

        SyncReport again = run(upstreamUri(), Integer.MAX_VALUE);
        assertThat(again.changedAnything()).as(again.summary()).isFalse();
    }

    @Test
    void push_sendsVigilsDecisionsUpstream_thenPullIsAFixpoint_andLaterUpstreamChangesComeBack() {
        run(upstreamUri(), Integer.MAX_VALUE);
        Scope account = new Scope.Account(ACCOUNT);
        local.classify(
                account,
                "sync-4",
                new io.vigil.insight.ClassificationRequest(Classification.OTHER, "tracked in SEC-9"),
                "token:local");
        local.dismiss(account, "sync-6", true, "token:local");
        local.classify( // both sides move sync-8: Vigil's wins the push, and the overwrite is reported
                account,
                "sync-8",
                new io.vigil.insight.ClassificationRequest(Classification.ACCEPT_RISK, "until the fix ships"),
                "token:local");
        patchUpstream("sync-8", "{\"classification\":\"false_positive\"}");

        SyncReport pushed =
                sync.run(client(upstreamUri(), Integer.MAX_VALUE), ACCOUNT, List.of(), false, true, l -> {});

        assertThat(pushed.stopped()).as(pushed.summary()).isNull();
        assertThat(pushed.decisionsPushed()).as(pushed.summary()).isEqualTo(3);
        assertThat(pushed.conflicts()).anySatisfy(c -> assertThat(c).startsWith("sync-8: classified"));
        assertThat(pushed.conflicts()).hasSize(1);
        assertThat(pushed.pushed())
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("sync-8: ").contains("sent over upstream's"));
        assertThat(pushed.summary()).contains("decisions pushed:   3").doesNotContain("to push");
        assertThat(upstream.insight(ACCOUNT, "sync-4").orElseThrow().classification())
                .isEqualTo(Classification.OTHER);
        assertThat(upstream.insight(ACCOUNT, "sync-8").orElseThrow().classification())
                .isEqualTo(Classification.ACCEPT_RISK);
        assertThat(upstream.changeLog("sync-6")).last().isEqualTo("dismissed=true");

        SyncReport fixpoint =
                sync.run(client(upstreamUri(), Integer.MAX_VALUE), ACCOUNT, List.of(), false, true, l -> {});
        assertThat(fixpoint.changedAnything()).as(fixpoint.summary()).isFalse();
        assertThat(fixpoint.pendingPush()).isZero();
        assertThat(fixpoint.conflicts()).isEmpty();

        patchUpstream("sync-4", "{\"classification\":null}"); // upstream moves what Vigil pushed: it comes back
        SyncReport back = run(upstreamUri(), Integer.MAX_VALUE);
        assertThat(back.decisionsPulled()).as(back.summary()).isEqualTo(1);
        assertThat(back.conflicts()).isEmpty();
        assertThat(classification("sync-4")).isNull();
    }

    @Test
    void aDryRun_saysWhatWouldChange_andWritesNothing() {
        SyncReport dry =
                sync.run(client(upstreamUri(), Integer.MAX_VALUE), ACCOUNT, List.of(), true, false, line -> {});
        assertThat(dry.added()).isEqualTo(seeded.size());
        assertThat(dry.decisionsPulled()).isPositive();
        assertThat(store.get(new Scope.Account(ACCOUNT), "sync-1")).isEmpty();
        // Which insights, not only how many: one line per change.
        assertThat(dry.summary())
                .contains("    would add sync-1 (zone " + ZONE + ")\n")
                .contains("    would add sync-1105 (the account)\n")
                .contains("    would classify sync-3 accept_risk (upstream's)\n");
        assertThat(dry.changes()).hasSize(seeded.size() + dry.decisionsPulled());
        assertThat(sync.run(client(upstreamUri(), Integer.MAX_VALUE), ACCOUNT, List.of(), true, false, line -> {})
                        .added())
                .as("a dry run leaves no pass behind either")
                .isEqualTo(seeded.size());
    }

    @Test
    void namedZones_mirrorOnlyThem() {
        SyncReport report = sync.run(
                client(upstreamUri(), Integer.MAX_VALUE), ACCOUNT, List.of(THIRD_ZONE), false, false, line -> {});
        long inZone = seeded.values().stream()
                .filter(i -> THIRD_ZONE.equals(i.zoneId()))
                .count();
        assertThat(report.added()).isEqualTo((int) inZone);
        assertThat(store.get(new Scope.Account(ACCOUNT), "sync-0")).isEmpty();
    }

    /** Seals every pending entry of {@code database}'s change log, as a node's sealer would. */
    static Runnable sealer(Database database) {
        SigningKey key = SigningKey.generate();
        JdbcSealStore seals = new JdbcSealStore(database);
        return () -> {
            new Sealer(seals, key, Clock.systemUTC(), seal -> {}).sealPending();
        };
    }

    void patchUpstream(String id, String body) {
        assertThat(upstream.classify("/accounts/" + ACCOUNT, id, body, token).status())
                .isEqualTo(200);
    }

    Classification classification(String id) {
        return store.get(new Scope.Account(ACCOUNT), id).orElseThrow().userClassification();
    }

    void assertMirrored() {
        for (Insight expected : seeded.values()) {
            Insight mirrored =
                    store.get(new Scope.Account(ACCOUNT), expected.id()).orElseThrow();
            assertThat(withoutExpiry(mirrored)).as(expected.id()).isEqualTo(expected);
        }
    }

    static Insight withoutExpiry(Insight i) {
        return i.toBuilder().classificationExpiresOn(null).build();
    }

    /** A varied insight: every tenth has a context, every 17th is dismissed, every 20th (from 3) accepted. */
    static Insight insight(String id, String zone, int i) {
        Instant since = Instant.parse("2026-10-01T00:00:00Z").plusSeconds(i * 60L);
        return Insight.builder()
                .id(id)
                .accountId(ACCOUNT)
                .zoneId(zone)
                .issueClass(i % 2 == 0 ? "always_use_https_disabled" : "dnssec_disabled")
                .issueType(i % 3 == 0 ? IssueType.EXPOSED_INFRASTRUCTURE : IssueType.INSECURE_CONFIGURATION)
                .severity(i % 3 == 0 ? Severity.CRITICAL : i % 3 == 1 ? Severity.MODERATE : Severity.LOW)
                .subject("host-" + i + ".example.com")
                .status(i % 11 == 0 ? InsightStatus.RESOLVED : InsightStatus.ACTIVE)
                .dismissed(i % 17 == 0)
                .payloadJson("{\"detection_method\":\"scan\",\"n\":" + i + "}")
                .contextJson(i % 10 == 0 ? "{\"records\":[{\"name\":\"host-" + i + "\"}]}" : null)
                .product(i % 4 == 0 ? null : "dns")
                .resolveLink("https://example.com/fix/" + i)
                .resolveText("Fix " + i)
                .since(since)
                .timestamp(since.plusSeconds(3_600))
                .userClassification(i % 20 == 3 ? Classification.ACCEPT_RISK : null)
                .build();
    }
}
