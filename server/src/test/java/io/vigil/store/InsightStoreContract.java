package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.audit.AuditEntry;
import io.vigil.error.ConflictException;
import io.vigil.error.ErrorCode;
import io.vigil.insight.Classification;
import io.vigil.insight.ClassificationOutcome;
import io.vigil.insight.ClassificationUpdate;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightState;
import io.vigil.insight.InsightStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** What every {@link InsightStore} must do; run once per database by its subclasses. */
abstract class InsightStoreContract {

    /** The store under test, over an empty database. */
    abstract InsightStore store();

    /** The database under the store. */
    abstract Database database();

    private List<AuditEntry> auditTrail(String issueId) {
        return io.vigil.testing.AuditTrail.of(database(), ACCOUNT, issueId);
    }

    private static ClassificationUpdate update(String id, @Nullable Classification from, @Nullable Classification to) {
        return new ClassificationUpdate(id, ACCOUNT, null, from, to, null, "token:test", null, null);
    }

    /** Classifies with {@code update} whatever state is read: its compare-and-set alone decides. */
    private ClassificationOutcome compareAndSet(ClassificationUpdate update) {
        return store().classify(new Scope.Account(ACCOUNT), update.issueId(), state -> update);
    }

    /** Upserts as an import does, recording status changes as {@code system}. */
    void upsert(List<Insight> insights) {
        new io.vigil.insight.InsightService(store()).importInsights(insights);
    }

    @Test
    void find_accountScope_seesAccountAndZoneInsightsOfThatAccountOnly() {
        upsert(List.of(
                Insights.inAccount("a1", ACCOUNT),
                Insights.inZone("z1", ACCOUNT, ZONE),
                Insights.inAccount("o1", OTHER_ACCOUNT)));
        Scope account = new Scope.Account(ACCOUNT);
        assertThat(store().find(account, "a1")).isPresent();
        assertThat(store().find(account, "z1"))
                .hasValueSatisfying(i -> assertThat(i.zoneId()).isEqualTo(ZONE));
        assertThat(store().find(account, "o1")).isEmpty();
    }

    @Test
    void getAll_readsTheAccountsInsightsAtOnce_asGetDoes_leavingOutOtherAccountsAndMissingIds() {
        List<Insight> many = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) { // more than one slice of bound parameters
            many.add(Insights.inAccount("m" + i, ACCOUNT));
            ids.add("m" + i);
        }
        many.add(Insights.inZone("z1", ACCOUNT, ZONE));
        many.add(Insights.inAccount("o1", OTHER_ACCOUNT));
        upsert(many);
        ids.addAll(List.of("z1", "o1", "missing"));
        java.util.Map<String, Insight> found = store().getAll(ACCOUNT, ids);
        assertThat(found).hasSize(1_201).doesNotContainKeys("o1", "missing");
        Scope account = new Scope.Account(ACCOUNT);
        for (String id : List.of("m0", "m599", "m1199", "z1")) {
            assertThat(found.get(id)).isEqualTo(store().get(account, id).orElseThrow());
        }
        assertThat(store().getAll(ACCOUNT, List.of())).isEmpty();
    }

    @Test
    void find_zoneScope_seesThatZoneOnly() {
        upsert(List.of(
                Insights.inAccount("a1", ACCOUNT),
                Insights.inZone("z1", ACCOUNT, ZONE),
                Insights.inZone("z2", ACCOUNT, SIBLING_ZONE)));
        Scope zone = new Scope.Zone(ZONE);
        assertThat(store().find(zone, "z1")).isPresent();
        assertThat(store().find(zone, "z2")).isEmpty();
        assertThat(store().find(zone, "a1")).isEmpty();
    }

    @Test
    void compareAndSet_expectedValueMatches_changesAndRecordsTheEntry() {
        upsert(List.of(Insights.inAccount("a1", ACCOUNT)));
        ClassificationUpdate set = update("a1", null, Classification.FALSE_POSITIVE);
        assertThat(compareAndSet(set)).isEqualTo(ClassificationOutcome.CHANGED);
        assertThat(store().find(new Scope.Account(ACCOUNT), "a1").orElseThrow().classification())
                .isEqualTo(Classification.FALSE_POSITIVE);
        List<AuditEntry> trail = auditTrail("a1");
        assertThat(trail).hasSize(1);
        UUID stamped = trail.get(0).id(); // stamped by the store, time = id's time
        assertThat(trail).containsExactlyElementsOf(set.entries(() -> stamped));
    }

    @Test
    void compareAndSet_expectedValueStale_isRacedAndWritesNothing() {
        upsert(List.of(Insights.inAccount("a1", ACCOUNT)));
        assertThat(compareAndSet(update("a1", null, Classification.OTHER))).isEqualTo(ClassificationOutcome.CHANGED);
        assertThat(compareAndSet(update("a1", null, Classification.ACCEPT_RISK)))
                .isEqualTo(ClassificationOutcome.RACED);
        assertThat(store().find(new Scope.Account(ACCOUNT), "a1").orElseThrow().classification())
                .isEqualTo(Classification.OTHER);
        assertThat(auditTrail("a1")).hasSize(1);
    }

    @Test
    void compareAndSet_manyConcurrentSetsFromNull_exactlyOneWinsPerInsight() throws Exception {
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            insights.add(Insights.inAccount("c" + i, ACCOUNT));
        }
        upsert(insights);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Insight insight : insights) {
                for (Classification to : Classification.values()) {
                    for (int repeat = 0; repeat < 4; repeat++) {
                        results.add(pool.submit(
                                () -> compareAndSet(update(insight.id(), null, to)) == ClassificationOutcome.CHANGED));
                    }
                }
            }
        }
        long wins = 0;
        for (Future<Boolean> result : results) {
            wins += result.get() ? 1 : 0;
        }
        assertThat(wins).isEqualTo(insights.size());
        for (Insight insight : insights) {
            assertThat(auditTrail(insight.id())).hasSize(1);
        }
    }

    @Test
    void list_pagesServedFromRememberedPositions_equalPagesCountedFromTheTop() {
        List<Insight> data = io.vigil.testing.Dataset.insights(200);
        upsert(data);
        Scope scope = new Scope.Account(ACCOUNT);
        io.vigil.insight.InsightFilter filter = io.vigil.insight.InsightFilter.DEFAULT;
        List<String> expected = data.stream()
                .filter(i -> i.accountId().equals(ACCOUNT) && !i.dismissed())
                .sorted(java.util.Comparator.comparing(Insight::timestamp)
                        .reversed()
                        .thenComparing(Insight::id))
                .map(Insight::id)
                .toList();
        for (int round = 0; round < 3; round++) { // cold, then warm positions, then after a dismissal
            for (int page : new int[] {3, 1, 2, 3, 7, 5, 30}) {
                List<String> ids = store().list(scope, filter, page, 6).issues().stream()
                        .map(Insight::id)
                        .toList();
                int from = Math.min(expected.size(), (page - 1) * 6);
                assertThat(ids)
                        .as("round %d page %d", round, page)
                        .isEqualTo(expected.subList(from, Math.min(expected.size(), from + 6)));
            }
            if (round == 1) {
                String gone = expected.get(8);
                assertThat(store().dismiss(scope, gone, true, "system")).isTrue();
                expected = expected.stream().filter(id -> !id.equals(gone)).toList();
            }
        }
    }

    /**
     * Dismissals through the store move remembered positions instead of forgetting them: every page of
     * every filter, read before and after each dismissal or restore, equals the page counted from the top.
     */
    @Test
    void list_afterEachDismissalOrRestore_everyPageOfEveryFilterIsExact() {
        List<Insight> data = io.vigil.testing.Dataset.insights(200);
        upsert(data);
        java.util.Map<String, Insight> now = new java.util.LinkedHashMap<>();
        data.forEach(i -> now.put(i.id(), i));
        List<io.vigil.insight.InsightFilter> filters = new ArrayList<>(List.of(
                io.vigil.insight.InsightFilter.DEFAULT,
                new io.vigil.insight.InsightFilter(
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        java.util.Set.of(),
                        true,
                        java.util.Set.of())));
        for (long seed = 2; filters.size() < 8; seed++) {
            filters.add(ListCountAgreementTest.filter(seed));
        }
        List<Scope> scopes = List.of(new Scope.Account(ACCOUNT), new Scope.Zone(ZONE));
        java.util.Random random = new java.util.Random(5);
        for (int round = 0; round < 10; round++) {
            for (Scope scope : scopes) {
                for (io.vigil.insight.InsightFilter filter : filters) {
                    List<String> expected = now.values().stream()
                            .filter(i -> (scope instanceof Scope.Account
                                            ? i.accountId().equals(scope.id())
                                            : scope.id().equals(i.zoneId()))
                                    && filter.test(i))
                            .sorted(java.util.Comparator.comparing(Insight::timestamp)
                                    .reversed()
                                    .thenComparing(Insight::id))
                            .map(Insight::id)
                            .toList();
                    for (int page : new int[] {2, 9, 1, 4, 7, 3, 20}) {
                        List<String> ids = store().list(scope, filter, page, 4).issues().stream()
                                .map(Insight::id)
                                .toList();
                        int from = Math.min(expected.size(), (page - 1) * 4);
                        assertThat(ids)
                                .as("round %d, %s, %s, page %d", round, scope, filter, page)
                                .isEqualTo(expected.subList(from, Math.min(expected.size(), from + 4)));
                    }
                }
            }
            for (int change = 0; change < 1 + round % 3; change++) {
                Insight target = data.get(random.nextInt(data.size()));
                Insight current = now.get(target.id());
                boolean dismiss = !current.dismissed();
                assertThat(store().dismiss(new Scope.Account(current.accountId()), current.id(), dismiss, "system"))
                        .isTrue();
                now.put(current.id(), Insights.withDismissed(current, dismiss));
            }
        }
    }

    /** A rescan that gives no "since" (read as now), or a later one, keeps when the insight was first seen. */
    @Test
    void upsert_again_keepsTheEarliestSince_andTakesTheLinesTimestamp() {
        java.time.Instant first = java.time.Instant.parse("2026-01-01T00:00:00Z");
        java.time.Instant later = java.time.Instant.parse("2026-06-01T00:00:00Z");
        java.time.Instant earlier = java.time.Instant.parse("2025-06-01T00:00:00Z");
        Insight seen = Insights.inAccount("s1", ACCOUNT).toBuilder()
                .since(first)
                .timestamp(first)
                .build();
        upsert(List.of(seen));
        upsert(List.of(seen.toBuilder().since(later).timestamp(later).build()));
        Insight stored = store().get(new Scope.Account(ACCOUNT), "s1").orElseThrow();
        assertThat(stored.since()).isEqualTo(first);
        assertThat(stored.timestamp()).isEqualTo(later);
        upsert(List.of(seen.toBuilder().since(earlier).timestamp(later).build()));
        assertThat(store().get(new Scope.Account(ACCOUNT), "s1").orElseThrow().since())
                .isEqualTo(earlier);
    }

    /** One batch may hold an id twice (a re-scan appended to a file): each line applies in order. */
    @Test
    void upsert_sameIdTwiceInOneBatch_appliesInOrderAndAuditsEachStatusChange() {
        Insight first = Insights.inAccount("d1", ACCOUNT);
        upsert(List.of(first));
        Insight resolved = Insights.withStatus(first, io.vigil.insight.InsightStatus.RESOLVED);
        upsert(List.of(resolved, first, resolved));
        assertThat(store().get(new Scope.Account(ACCOUNT), "d1").orElseThrow().status())
                .isEqualTo(io.vigil.insight.InsightStatus.RESOLVED);
        assertThat(auditTrail("d1"))
                .extracting(AuditEntry::previousValue, AuditEntry::currentValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("active", "resolved"),
                        org.assertj.core.groups.Tuple.tuple("resolved", "active"),
                        org.assertj.core.groups.Tuple.tuple("active", "resolved"));
    }

    /** A new id twice in one batch: the first line inserts it, the second updates it like any stored row. */
    @Test
    void upsert_newIdTwiceInOneBatch_insertsTheFirstLineAndAuditsTheSecondsStatusChange() {
        Insight first = Insights.inAccount("n1", ACCOUNT);
        upsert(List.of(
                Insights.inAccount("n0", ACCOUNT),
                first,
                Insights.withStatus(first, io.vigil.insight.InsightStatus.RESOLVED),
                Insights.inAccount("n2", ACCOUNT)));
        assertThat(store().get(new Scope.Account(ACCOUNT), "n1").orElseThrow().status())
                .isEqualTo(io.vigil.insight.InsightStatus.RESOLVED);
        assertThat(auditTrail("n1"))
                .extracting(AuditEntry::previousValue, AuditEntry::currentValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("active", "resolved"));
        assertThat(auditTrail("n0")).isEmpty();
        assertThat(auditTrail("n2")).isEmpty();
    }

    @Test
    void upsert_newIdMovingToAnotherAccountWithinOneBatch_isRefusedWhole() {
        assertThatThrownBy(() -> upsert(List.of(
                        Insights.inAccount("fresh", ACCOUNT),
                        Insights.inAccount("n1", ACCOUNT),
                        Insights.inAccount("n1", OTHER_ACCOUNT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("insight 'n1' already exists in another account or zone; it cannot move");
        assertThat(store().find(new Scope.Account(ACCOUNT), "fresh")).isEmpty();
        assertThat(store().find(new Scope.Account(ACCOUNT), "n1")).isEmpty();
    }

    /** Sets {@code to} on whatever is stored, as the service's rules would if {@code to} may follow it. */
    private static @Nullable ClassificationUpdate setFromCurrent(InsightState s, @Nullable Classification to) {
        if (s.classification() == to) {
            return null;
        }
        if (s.classification() != null && to != null) {
            throw new ConflictException(ErrorCode.CLASSIFICATION_CHANGE_REFUSED, "refused: reset first");
        }
        return new ClassificationUpdate(
                s.id(), s.accountId(), s.zoneId(), s.classification(), to, null, "token:test", null, null);
    }

    @Test
    void classify_decidesOnTheStoredStateAndAppliesTheUpdate() {
        upsert(List.of(Insights.inZone("z1", ACCOUNT, ZONE)));
        List<InsightState> seen = new ArrayList<>();
        ClassificationOutcome outcome = store().classify(new Scope.Zone(ZONE), "z1", state -> {
            seen.add(state);
            return setFromCurrent(state, Classification.OTHER);
        });
        assertThat(outcome).isEqualTo(ClassificationOutcome.CHANGED);
        assertThat(seen).containsExactly(new InsightState("z1", ACCOUNT, ZONE, null));
        assertThat(store().find(new Scope.Account(ACCOUNT), "z1").orElseThrow().classification())
                .isEqualTo(Classification.OTHER);
        assertThat(auditTrail("z1"))
                .extracting(AuditEntry::previousValue, AuditEntry::currentValue, AuditEntry::zoneId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "other", ZONE));
    }

    @Test
    void classify_noUpdate_isUnchangedAndRecordsNothing() {
        upsert(List.of(Insights.inAccount("a1", ACCOUNT)));
        assertThat(store().classify(new Scope.Account(ACCOUNT), "a1", state -> null))
                .isEqualTo(ClassificationOutcome.UNCHANGED);
        assertThat(auditTrail("a1")).isEmpty();
    }

    @Test
    void classify_outsideTheScopeOrMissing_isNotFoundAndNeverDecided() {
        upsert(List.of(Insights.inZone("z1", ACCOUNT, ZONE), Insights.inAccount("o1", OTHER_ACCOUNT)));
        java.util.function.Function<InsightState, @Nullable ClassificationUpdate> never = state -> {
            throw new AssertionError("decided on " + state);
        };
        assertThat(store().classify(new Scope.Zone(SIBLING_ZONE), "z1", never))
                .isEqualTo(ClassificationOutcome.NOT_FOUND);
        assertThat(store().classify(new Scope.Account(ACCOUNT), "o1", never))
                .isEqualTo(ClassificationOutcome.NOT_FOUND);
        assertThat(store().classify(new Scope.Account(ACCOUNT), "missing", never))
                .isEqualTo(ClassificationOutcome.NOT_FOUND);
        assertThat(auditTrail("z1")).isEmpty();
    }

    @Test
    void classify_refusedDecision_isThrownAndWritesNothing() {
        upsert(List.of(Insights.inAccount("a1", ACCOUNT)));
        store().classify(new Scope.Account(ACCOUNT), "a1", state -> setFromCurrent(state, Classification.OTHER));
        assertThatThrownBy(() -> store().classify(
                                new Scope.Account(ACCOUNT),
                                "a1",
                                state -> setFromCurrent(state, Classification.ACCEPT_RISK)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("refused: reset first");
        assertThat(store().find(new Scope.Account(ACCOUNT), "a1").orElseThrow().classification())
                .isEqualTo(Classification.OTHER);
        assertThat(auditTrail("a1")).hasSize(1);
    }

    @Test
    void classify_manyConcurrentRequests_eachDecidesOnTheStateTheOnesBeforeItLeft() throws Exception {
        List<Insight> insights = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            insights.add(Insights.inAccount("k" + i, ACCOUNT));
        }
        upsert(insights);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Insight insight : insights) {
                for (int repeat = 0; repeat < 6; repeat++) {
                    for (Classification to :
                            new Classification[] {Classification.FALSE_POSITIVE, Classification.OTHER, null}) {
                        results.add(pool.submit(() -> {
                            try {
                                return store().classify(
                                                new Scope.Account(ACCOUNT),
                                                insight.id(),
                                                state -> setFromCurrent(state, to))
                                        .name();
                            } catch (ConflictException refused) {
                                return "REFUSED";
                            }
                        }));
                    }
                }
            }
        }
        long changed = 0;
        for (Future<String> result : results) {
            assertThat(result.get()).isIn("CHANGED", "UNCHANGED", "REFUSED", "RACED");
            changed += result.get().equals("CHANGED") ? 1 : 0;
        }
        long audited = 0;
        for (Insight insight : insights) {
            List<AuditEntry> trail = auditTrail(insight.id());
            audited += trail.size();
            String state = null; // replaying the trail gives the stored value, each entry starting where the last ended
            for (AuditEntry e : trail) {
                assertThat(e.previousValue()).isEqualTo(state);
                assertThat(e.currentValue()).isNotEqualTo(state);
                state = e.currentValue();
            }
            Classification stored = store().find(new Scope.Account(ACCOUNT), insight.id())
                    .orElseThrow()
                    .classification();
            assertThat(stored == null ? null : stored.wireName()).isEqualTo(state);
        }
        assertThat(audited).isEqualTo(changed);
    }

    @Test
    void upsert_existingInsight_keepsTheUsersClassification() {
        upsert(List.of(Insights.inAccount("a1", ACCOUNT)));
        compareAndSet(update("a1", null, Classification.FALSE_POSITIVE));
        upsert(List.of(Insights.inAccount("a1", ACCOUNT)));
        assertThat(store().find(new Scope.Account(ACCOUNT), "a1").orElseThrow().classification())
                .isEqualTo(Classification.FALSE_POSITIVE);
    }

    @Test
    void upsert_insightMovingToAnotherAccount_isRefusedWhole() {
        upsert(List.of(Insights.inAccount("a1", ACCOUNT)));
        assertThatThrownBy(() ->
                        upsert(List.of(Insights.inAccount("fresh", ACCOUNT), Insights.inAccount("a1", OTHER_ACCOUNT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("insight 'a1' already exists in another account or zone; it cannot move");
        assertThat(store().find(new Scope.Account(ACCOUNT), "fresh")).isEmpty();
    }

    @Test
    void upsert_zoneClaimedByTwoAccounts_isRefused() {
        upsert(List.of(Insights.inZone("z1", ACCOUNT, ZONE)));
        assertThatThrownBy(() -> upsert(List.of(Insights.inZone("z2", OTHER_ACCOUNT, ZONE))))
                .hasMessage("zone '" + ZONE + "' belongs to account '" + ACCOUNT + "', not '" + OTHER_ACCOUNT + "'");
    }
}
