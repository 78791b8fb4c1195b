package io.vigil.client.scenarios;

import static io.vigil.client.scenarios.Compat.ACCOUNT;
import static io.vigil.client.scenarios.Compat.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.client.AuditLogEntry;
import io.vigil.client.AuditLogQuery;
import io.vigil.client.AuditLogQuery.Field;
import io.vigil.client.AuditLogQuery.Order;
import io.vigil.client.BadRequestException;
import io.vigil.client.Classification;
import io.vigil.client.ClassificationUpdate;
import io.vigil.client.Insights;
import io.vigil.client.NotFoundException;
import io.vigil.client.Page;
import io.vigil.client.Paged;
import io.vigil.client.PermissionDeniedException;
import io.vigil.client.RecordingHttpClient.Exchange;
import io.vigil.client.scenarios.Compat.Scope;
import io.vigil.client.scenarios.Compat.Session;
import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

/**
 * compat/test/audit-logs.test.js: {@code GET …/security-center/insights/audit-log} and {@code …/{issue_id}/audit-log}.
 * {@link #start} writes a known history through the Java client (classifications with three credentials) and a
 * re-import that changes two insights' status (entries by {@code system}); the tests read it back. Only the last
 * group writes more, so it runs last. The JS file's two cursor-forgery tests are not ported: the Java client sends
 * only the cursor the server gave, with the query it was given for (see package-info).
 */
@VigilTest(accountId = ACCOUNT)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class AuditLogScenariosTest {
    static final String UUID_V7 = "^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
    static final String UC = "user_classification";

    static Compat compat;
    /** The history start() writes, oldest first, without the server's id and changed_at. */
    static List<Essence> history;
    /** The same entries as Vigil returns them, oldest first. */
    static List<AuditLogEntry> entries;

    static List<Essence> otherHistory;
    /** The numeric id Vigil gave ZONE: audit entries carry it as zone_id, as Cloudflare's schema types it. */
    static long zoneNumber;

    static Instant startedAt;

    /** The comparable part of an entry. */
    record Essence(
            String issueId,
            String fieldChanged,
            @Nullable String previousValue,
            @Nullable String currentValue,
            @Nullable String rationale,
            String changedBy,
            @Nullable String changedByName,
            @Nullable Long zoneId) {
        static Essence of(AuditLogEntry e) {
            return new Essence(
                    e.issueId(),
                    e.fieldChanged(),
                    e.previousValue(),
                    e.currentValue(),
                    e.rationale(),
                    e.changedBy(),
                    e.changedByName(),
                    e.zoneId());
        }
    }

    @BeforeAll
    static void start(Vigil vigil) {
        startedAt = Instant.now();
        compat = Compat.start(vigil);
        Insights byToken = compat.client(compat.edit).insights(Scope.ACCOUNT_SCOPE);
        Session member = compat.client(compat.member);
        // One at a time: the audit log's order is the order of these writes.
        byToken.classify(Compat.ACCT_2FA, Classification.FALSE_POSITIVE, null);
        byToken.classify(Compat.ACCT_2FA, new ClassificationUpdate(null, "reopened", null));
        byToken.classify(Compat.ACCT_2FA, Classification.ACCEPT_RISK, "SSO enforced upstream");
        member.insights(Scope.ZONE_SCOPE).classify(Compat.ZONE_HTTPS, Classification.OTHER, "handled by the WAF");
        member.insights(Scope.ACCOUNT_SCOPE).resetClassification(Compat.ZONE_HTTPS);
        compat.client(compat.zoneEdit)
                .insights(Scope.ZONE_SCOPE)
                .classify(Compat.ZONE_COLON_ID, Classification.FALSE_POSITIVE, null);
        // The scanner's view changes: a re-import with a new status writes entries by "system" (file order).
        List<String> rescan = Fixture.LINES.stream()
                .filter(l -> List.of(Compat.ACCT_TOKEN, Compat.ZONE_DNSSEC)
                        .contains(l.path("id").asText()))
                .map(l -> ((com.fasterxml.jackson.databind.node.ObjectNode) l.deepCopy())
                        .put("status", "resolved")
                        .toString())
                .toList();
        vigil.seed().importLines(rescan).apply();
        // One entry in the other account, which must never show up here.
        compat.client(compat.otherAccount)
                .insights(Scope.account(Compat.OTHER_ACCOUNT))
                .classify(Compat.OTHER_2FA, Classification.FALSE_POSITIVE, null);

        entries = compat.client(compat.edit)
                .insights(Scope.ACCOUNT_SCOPE)
                .auditLog(AuditLogQuery.ALL.order(Order.ASC).perPage(1000))
                .firstPage()
                .items();
        zoneNumber = entries.stream()
                .filter(e -> e.issueId().equals(Compat.ZONE_HTTPS))
                .findFirst()
                .orElseThrow()
                .zoneId();
        assertThat(zoneNumber).as("zone_id is a positive integer").isPositive();
        String editor = compat.edit.changedBy();
        String zoneEditor = compat.zoneEdit.changedBy();
        history = List.of(
                new Essence(Compat.ACCT_2FA, UC, null, "false_positive", null, editor, "compat-edit", null),
                new Essence(Compat.ACCT_2FA, UC, "false_positive", null, "reopened", editor, "compat-edit", null),
                new Essence(
                        Compat.ACCT_2FA, UC, null, "accept_risk", "SSO enforced upstream", editor, "compat-edit", null),
                new Essence(
                        Compat.ZONE_HTTPS,
                        UC,
                        null,
                        "other",
                        "handled by the WAF",
                        Compat.MEMBER_EMAIL,
                        Compat.MEMBER_EMAIL,
                        zoneNumber),
                new Essence(
                        Compat.ZONE_HTTPS,
                        UC,
                        "other",
                        null,
                        null,
                        Compat.MEMBER_EMAIL,
                        Compat.MEMBER_EMAIL,
                        zoneNumber),
                new Essence(
                        Compat.ZONE_COLON_ID,
                        UC,
                        null,
                        "false_positive",
                        null,
                        zoneEditor,
                        "compat-zone-edit",
                        zoneNumber),
                new Essence(Compat.ACCT_TOKEN, "status", "active", "resolved", null, "system", "system", null),
                new Essence(Compat.ZONE_DNSSEC, "status", "active", "resolved", null, "system", "system", zoneNumber));
        otherHistory = List.of(new Essence(
                Compat.OTHER_2FA,
                UC,
                null,
                "false_positive",
                null,
                compat.otherAccount.changedBy(),
                "compat-other-account",
                null));
    }

    @AfterAll
    static void stop() {
        compat.close();
    }

    static Session edit() {
        return compat.client(compat.edit);
    }

    /** The entries (as Vigil returned them, oldest first) that satisfy {@code keep}, newest first. */
    static List<AuditLogEntry> newestFirst(Predicate<AuditLogEntry> keep) {
        List<AuditLogEntry> kept = new ArrayList<>(entries.stream().filter(keep).toList());
        java.util.Collections.reverse(kept);
        return kept;
    }

    static List<AuditLogEntry> newestFirst() {
        return newestFirst(e -> true);
    }

    static List<AuditLogEntry> oldestFirst(Predicate<AuditLogEntry> keep) {
        return entries.stream().filter(keep).toList();
    }

    /** The millisecond a UUIDv7 id starts with. */
    static long idMillis(AuditLogEntry e) {
        return Long.parseLong(e.id().replace("-", "").substring(0, 12), 16);
    }

    static long time(AuditLogEntry e) {
        return e.changedAt().toEpochMilli();
    }

    static List<String> idsOf(List<AuditLogEntry> list) {
        return list.stream().map(AuditLogEntry::id).toList();
    }

    static List<AuditLogEntry> all(Paged<AuditLogEntry> paged) {
        return paged.stream().toList();
    }

    private static String logPath(Scope scope) {
        return scope.path() + "/security-center/insights/audit-log";
    }

    @Nested
    @org.junit.jupiter.api.Order(1)
    class List_ {
        @Test
        void auditLog_accountId_everyEntryNewestFirst_withTheDocumentedFields() {
            Session s = edit();
            Page<AuditLogEntry> page =
                    s.insights(Scope.ACCOUNT_SCOPE).auditLog(AuditLogQuery.ALL).firstPage();
            assertThat(s.calls().last().method()).isEqualTo("GET");
            assertThat(s.calls().last().path()).isEqualTo(logPath(Scope.ACCOUNT_SCOPE));
            assertThat(s.calls().last().query()).isNull();
            assertThat(page.info().count()).isEqualTo(history.size());
            assertThat(page.info().perPage()).isEqualTo(25);
            assertThat(page.info().cursor())
                    .as("no cursor: this is the last page")
                    .isNull();
            List<Essence> reversed = new ArrayList<>(history);
            java.util.Collections.reverse(reversed);
            assertThat(page.items().stream().map(Essence::of).toList()).isEqualTo(reversed);
            assertThat(page.items())
                    .as("the entries read asc in start(), reversed")
                    .isEqualTo(newestFirst());
            for (AuditLogEntry entry : page.items()) {
                assertThat(entry.id()).matches(UUID_V7);
                assertThat(entry.changedAt())
                        .isBetween(startedAt.minusSeconds(1), Instant.now().plusSeconds(1));
                if (entry.zoneId() != null) {
                    assertThat(entry.zoneId()).isEqualTo(zoneNumber);
                }
            }
            List<String> ids = idsOf(page.items());
            assertThat(ids)
                    .as("newest first = UUIDv7 ids descending")
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(page.items().stream().map(AuditLogEntry::changedAt).toList())
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        }

        @Test
        void auditLog_orderAscIsTheExactReverse_descTheDefault() {
            Session s = edit();
            List<AuditLogEntry> asc = s.insights(Scope.ACCOUNT_SCOPE)
                    .auditLog(AuditLogQuery.ALL.order(Order.ASC))
                    .firstPage()
                    .items();
            assertThat(s.calls().last().query()).isEqualTo("order=asc");
            assertThat(asc).isEqualTo(entries);
            assertThat(s.insights(Scope.ACCOUNT_SCOPE)
                            .auditLog(AuditLogQuery.ALL.order(Order.DESC))
                            .firstPage()
                            .items())
                    .isEqualTo(newestFirst());
        }

        @Test
        void auditLog_zoneId_onlyTheZoneLevelInsights_forEveryCredentialThatCanReadTheZone() {
            List<AuditLogEntry> want = newestFirst(e -> e.zoneId() != null && e.zoneId() == zoneNumber);
            assertThat(want).hasSize(4);
            for (Session s : List.of(edit(), compat.client(compat.zoneRead), compat.client(compat.member))) {
                assertThat(s.insights(Scope.ZONE_SCOPE)
                                .auditLog(AuditLogQuery.ALL)
                                .firstPage()
                                .items())
                        .isEqualTo(want);
                assertThat(s.calls().last().path()).isEqualTo(logPath(Scope.ZONE_SCOPE));
            }
        }

        @Test
        void auditLog_bothSchemesAndAReadToken_readTheAccountLog() {
            for (Session s : List.of(compat.client(compat.read), compat.client(compat.member))) {
                assertThat(all(s.insights(Scope.ACCOUNT_SCOPE).auditLog(AuditLogQuery.ALL)))
                        .isEqualTo(newestFirst());
            }
        }

        @Test
        void paged_aSmallPerPage_walksEveryEntryExactlyOnce() {
            for (Order order : Order.values()) {
                for (int perPage : new int[] {1, 3, 4}) {
                    Session s = edit();
                    List<AuditLogEntry> seen = all(s.insights(Scope.ACCOUNT_SCOPE)
                            .auditLog(AuditLogQuery.ALL.perPage(perPage).order(order)));
                    String label = "order " + order + ", per_page " + perPage;
                    assertThat(seen).as(label).isEqualTo(order == Order.ASC ? entries : newestFirst());
                    assertThat(new HashSet<>(idsOf(seen)))
                            .as(label + ": no duplicates")
                            .hasSize(seen.size());
                    List<Exchange> made = s.calls().exchanges();
                    assertThat(made)
                            .as(label + ": no request for an empty page after the last")
                            .hasSize((entries.size() + perPage - 1) / perPage);
                    assertThat(made.get(0).query()).doesNotContain("cursor=");
                    for (Exchange later : made.subList(1, made.size())) {
                        assertThat(later.query())
                                .as(label + ": later pages send the cursor")
                                .contains("cursor=")
                                .contains("per_page=" + perPage)
                                .contains("order=" + order.name().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        }

        /**
         * The SDK's page API, as the Java client's {@link Paged#pages()}. The SDK's "per_page changed mid-walk" (a
         * cursor passed back by hand) cannot be written: the Java client keeps the cursor to itself.
         */
        @Test
        void pages_eachWithItsResultInfo_theLastWithoutACursor() {
            Session s = edit();
            Iterator<Page<AuditLogEntry>> pages = s.insights(Scope.ACCOUNT_SCOPE)
                    .auditLog(AuditLogQuery.ALL.perPage(3))
                    .pages()
                    .iterator();
            Page<AuditLogEntry> first = pages.next();
            assertThat(first.items()).isEqualTo(newestFirst().subList(0, 3));
            assertThat(first.info().cursor()).isNotBlank();
            assertThat(pages.hasNext()).isTrue();
            assertThat(pages.next().items()).isEqualTo(newestFirst().subList(3, 6));
            Page<AuditLogEntry> third = pages.next();
            assertThat(third.items()).isEqualTo(newestFirst().subList(6, 8));
            assertThat(third.info().count()).isEqualTo(2);
            assertThat(third.info().perPage()).isEqualTo(3);
            assertThat(third.info().cursor()).isNull();
            assertThat(pages.hasNext()).isFalse();
            assertThatThrownBy(pages::next).isInstanceOf(NoSuchElementException.class);
            assertThat(s.calls().count()).isEqualTo(3);
        }

        /** The SDK's {@code since} written with a +02:00 offset cannot be: the Java client sends an Instant. */
        @Test
        void auditLog_filters_fieldChangedChangedBySinceInclusiveBeforeExclusive() {
            Session s = edit();
            Function<AuditLogQuery, List<AuditLogEntry>> list =
                    q -> s.insights(Scope.ACCOUNT_SCOPE).auditLog(q).firstPage().items();
            Function<String, Predicate<AuditLogEntry>> by =
                    who -> e -> e.changedBy().equals(who);
            String editor = compat.edit.changedBy();
            String zoneEditor = compat.zoneEdit.changedBy();

            assertThat(list.apply(AuditLogQuery.ALL.fieldChanged(Field.STATUS)))
                    .isEqualTo(newestFirst(e -> e.fieldChanged().equals("status")))
                    .hasSize(2);
            assertThat(list.apply(AuditLogQuery.ALL.fieldChanged(Field.USER_CLASSIFICATION)))
                    .isEqualTo(newestFirst(e -> e.fieldChanged().equals(UC)));
            assertThat(list.apply(AuditLogQuery.ALL.changedBy("system"))).isEqualTo(newestFirst(by.apply("system")));
            assertThat(list.apply(AuditLogQuery.ALL.changedBy(Compat.MEMBER_EMAIL)))
                    .isEqualTo(newestFirst(by.apply(Compat.MEMBER_EMAIL)));
            assertThat(list.apply(AuditLogQuery.ALL.changedBy(editor)))
                    .isEqualTo(newestFirst(by.apply(editor)))
                    .hasSize(3);
            assertThat(list.apply(AuditLogQuery.ALL
                            .changedBy(zoneEditor)
                            .fieldChanged(Field.USER_CLASSIFICATION)
                            .order(Order.ASC)))
                    .isEqualTo(oldestFirst(by.apply(zoneEditor)));
            assertThat(list.apply(AuditLogQuery.ALL.changedBy("nobody@vigil-compat.example")))
                    .isEmpty();
            assertThat(list.apply(AuditLogQuery.ALL.fieldChanged(Field.STATUS).changedBy(Compat.MEMBER_EMAIL)))
                    .isEmpty();

            // `since` is exact only at instants that do not fall between an entry's id millisecond and its
            // changed_at: pick such a boundary.
            Predicate<Long> exact = t -> entries.stream().noneMatch(e -> idMillis(e) < t && t <= time(e));
            int sinceIndex = Stream.of(3, 4, 2, 5, 1, 6)
                    .filter(i -> exact.test(time(entries.get(i))))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("an exact since boundary exists"));
            Instant since = entries.get(sinceIndex).changedAt();
            List<AuditLogEntry> sinceList = list.apply(AuditLogQuery.ALL.since(since));
            assertThat(sinceList).isEqualTo(newestFirst(e -> !e.changedAt().isBefore(since)));
            assertThat(idsOf(sinceList))
                    .as("since is inclusive")
                    .contains(entries.get(sinceIndex).id());
            Instant before = entries.get(5).changedAt();
            List<AuditLogEntry> beforeList = list.apply(AuditLogQuery.ALL.before(before));
            assertThat(beforeList).isEqualTo(newestFirst(e -> e.changedAt().isBefore(before)));
            assertThat(idsOf(beforeList))
                    .as("before is exclusive")
                    .doesNotContain(entries.get(5).id());
            Instant seventh = entries.get(7).changedAt();
            assertThat(list.apply(AuditLogQuery.ALL.since(since).before(seventh).order(Order.ASC)))
                    .isEqualTo(oldestFirst(
                            e -> !e.changedAt().isBefore(since) && e.changedAt().isBefore(seventh)));
            assertThat(list.apply(AuditLogQuery.ALL
                            .since(Instant.parse("2000-01-01T00:00:00Z"))
                            .before(Instant.parse("2000-01-02T00:00:00Z"))))
                    .isEmpty();

            // Filters ride along in every page's request, and the cursor is valid with them.
            Session recorder = edit();
            List<AuditLogEntry> seen = all(recorder.insights(Scope.ZONE_SCOPE)
                    .auditLog(AuditLogQuery.ALL
                            .fieldChanged(Field.USER_CLASSIFICATION)
                            .perPage(1)));
            assertThat(seen)
                    .isEqualTo(newestFirst(e -> e.zoneId() != null
                            && e.zoneId() == zoneNumber
                            && e.fieldChanged().equals(UC)));
            assertThat(recorder.calls().exchanges())
                    .hasSize(3)
                    .allSatisfy(c -> assertThat(c.query()).contains("field_changed=user_classification"));
        }

        /**
         * Regression (compat): an entry's id was once stamped a millisecond before its changed_at, so since=<its own
         * changed_at> could leave it out. An entry's changed_at is now its UUIDv7 id's millisecond.
         */
        @Test
        void auditLog_sinceIncludesAnEntryWhoseChangedAtEqualsIt_forEveryEntry() {
            Session s = edit();
            for (AuditLogEntry entry : entries) {
                assertThat(idMillis(entry)).as(entry.id()).isEqualTo(time(entry));
                List<AuditLogEntry> page = s.insights(Scope.ACCOUNT_SCOPE)
                        .auditLog(AuditLogQuery.ALL.since(entry.changedAt()))
                        .firstPage()
                        .items();
                assertThat(idsOf(page)).contains(entry.id());
            }
        }

        @Test
        void auditLog_theOtherAccountsLogHoldsOnlyItsEntry_thisAccountsCredentialsCannotReadIt() {
            Session theirs = compat.client(compat.otherAccount);
            assertThat(theirs
                            .insights(Scope.account(Compat.OTHER_ACCOUNT))
                            .auditLog(AuditLogQuery.ALL)
                            .firstPage()
                            .items()
                            .stream()
                            .map(Essence::of)
                            .toList())
                    .isEqualTo(otherHistory);
            List<Map.Entry<Supplier<Session>, Scope>> denied = List.of(
                    Map.entry(() -> compat.client(compat.edit), Scope.account(Compat.OTHER_ACCOUNT)),
                    Map.entry(() -> compat.client(compat.member), Scope.account(Compat.OTHER_ACCOUNT)),
                    Map.entry(() -> compat.client(compat.otherAccount), Scope.ACCOUNT_SCOPE),
                    Map.entry(() -> compat.client(compat.otherAccount), Scope.ZONE_SCOPE),
                    Map.entry(() -> compat.client(compat.zoneRead), Scope.ACCOUNT_SCOPE));
            for (var c : denied) {
                Session s = c.getKey().get();
                PermissionDeniedException e = rejects(
                        PermissionDeniedException.class,
                        () -> s.insights(c.getValue())
                                .auditLog(AuditLogQuery.ALL)
                                .firstPage());
                assertThat(e.code()).isEqualTo(10000);
                assertThat(s.calls().count()).isEqualTo(1);
            }
        }
    }

    @Nested
    @org.junit.jupiter.api.Order(2)
    class ByInsight {
        @Test
        void auditLog_ofOneInsight_onTheAccountPath_andForZoneInsightsTheZonePath() {
            Session s = edit();
            Function<String, Predicate<AuditLogEntry>> of =
                    id -> e -> e.issueId().equals(id);
            assertThat(all(s.insights(Scope.ACCOUNT_SCOPE).auditLog(Compat.ACCT_2FA, AuditLogQuery.ALL)))
                    .isEqualTo(newestFirst(of.apply(Compat.ACCT_2FA)));
            assertThat(s.calls().last().path())
                    .isEqualTo(
                            Scope.ACCOUNT_SCOPE.path() + "/security-center/insights/" + Compat.ACCT_2FA + "/audit-log");
            assertThat(all(s.insights(Scope.ACCOUNT_SCOPE)
                            .auditLog(Compat.ACCT_2FA, AuditLogQuery.ALL.order(Order.ASC))))
                    .isEqualTo(oldestFirst(of.apply(Compat.ACCT_2FA)));
            for (Scope scope : Scope.BOTH) {
                Insights insights = s.insights(scope);
                assertThat(all(insights.auditLog(Compat.ZONE_HTTPS, AuditLogQuery.ALL)))
                        .isEqualTo(newestFirst(of.apply(Compat.ZONE_HTTPS)));
                assertThat(all(insights.auditLog(Compat.ZONE_COLON_ID, AuditLogQuery.ALL)))
                        .isEqualTo(newestFirst(of.apply(Compat.ZONE_COLON_ID)));
                assertThat(all(insights.auditLog(Compat.ZONE_DNSSEC, AuditLogQuery.ALL.fieldChanged(Field.STATUS))))
                        .isEqualTo(newestFirst(of.apply(Compat.ZONE_DNSSEC)));
                assertThat(all(insights.auditLog(
                                Compat.ZONE_DNSSEC, AuditLogQuery.ALL.fieldChanged(Field.USER_CLASSIFICATION))))
                        .isEmpty();
            }
            assertThat(s.calls().exchanges().get(s.calls().count() - 3).path())
                    .isEqualTo(Scope.ZONE_SCOPE.path()
                            + "/security-center/insights/compat%3Azone%3Amin-tls-1.0/audit-log");
            assertThat(all(s.insights(Scope.ACCOUNT_SCOPE)
                            .auditLog(Compat.ACCT_TOKEN, AuditLogQuery.ALL.changedBy("system"))))
                    .isEqualTo(newestFirst(of.apply(Compat.ACCT_TOKEN)));
        }

        @Test
        void paged_perPage1_andAnInsightWithoutHistory() {
            Session s = edit();
            assertThat(all(s.insights(Scope.ACCOUNT_SCOPE)
                            .auditLog(
                                    Compat.ACCT_2FA,
                                    AuditLogQuery.ALL.perPage(1).order(Order.ASC))))
                    .isEqualTo(oldestFirst(e -> e.issueId().equals(Compat.ACCT_2FA)));
            assertThat(s.calls().count()).isEqualTo(3);

            Session empty = edit();
            assertThat(all(empty.insights(Scope.ACCOUNT_SCOPE).auditLog(Compat.ACCT_DMARC, AuditLogQuery.ALL)))
                    .isEmpty();
            assertThat(empty.calls().count()).isEqualTo(1);
            Page<AuditLogEntry> page = empty.insights(Scope.ACCOUNT_SCOPE)
                    .auditLog(Compat.ACCT_DMARC, AuditLogQuery.ALL)
                    .firstPage();
            assertThat(page.info().count()).isZero();
            assertThat(page.info().perPage()).isEqualTo(25);
            assertThat(page.info().cursor()).isNull();
        }

        @Test
        void auditLog_ofOneInsight_bothSchemesAndReadTokens() {
            List<Map.Entry<Session, Scope>> readers = List.of(
                    Map.entry(compat.client(compat.member), Scope.ACCOUNT_SCOPE),
                    Map.entry(compat.client(compat.read), Scope.ACCOUNT_SCOPE),
                    Map.entry(compat.client(compat.zoneRead), Scope.ZONE_SCOPE));
            for (var reader : readers) {
                assertThat(reader.getKey()
                                .insights(reader.getValue())
                                .auditLog(Compat.ZONE_HTTPS, AuditLogQuery.ALL)
                                .firstPage()
                                .items())
                        .isEqualTo(newestFirst(e -> e.issueId().equals(Compat.ZONE_HTTPS)));
            }
        }

        @Test
        void auditLog_anotherAccountsInsightAnUnknownOneOrAnAccountInsightOnTheZonePath_notFound1100() {
            Session s = edit();
            List<Map.Entry<String, Scope>> cases = List.of(
                    Map.entry(Compat.OTHER_2FA, Scope.ACCOUNT_SCOPE),
                    Map.entry("no-such-insight", Scope.ACCOUNT_SCOPE),
                    Map.entry("no-such-insight", Scope.ZONE_SCOPE),
                    Map.entry(Compat.ACCT_2FA, Scope.ZONE_SCOPE));
            for (var c : cases) {
                NotFoundException e = rejects(
                        NotFoundException.class,
                        () -> s.insights(c.getValue())
                                .auditLog(c.getKey(), AuditLogQuery.ALL)
                                .firstPage());
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.code()).isEqualTo(1100);
                assertThat(e.errors().get(0).message()).isEqualTo("insight '" + c.getKey() + "' not found");
                assertThat(s.calls().last().responseHeader("x-should-retry")).isEqualTo("false");
            }
            assertThat(s.calls().count()).isEqualTo(4);
            // Its own account reads it; this account's credentials are refused there.
            Scope other = Scope.account(Compat.OTHER_ACCOUNT);
            assertThat(compat
                            .client(compat.otherAccount)
                            .insights(other)
                            .auditLog(Compat.OTHER_2FA, AuditLogQuery.ALL)
                            .firstPage()
                            .items()
                            .stream()
                            .map(Essence::of)
                            .toList())
                    .isEqualTo(otherHistory);
            rejects(
                    PermissionDeniedException.class,
                    () -> s.insights(other)
                            .auditLog(Compat.OTHER_2FA, AuditLogQuery.ALL)
                            .firstPage());
        }
    }

    @Nested
    @org.junit.jupiter.api.Order(3)
    class QueryErrors {
        /**
         * Of the SDK's bad values, an empty {@code changed_by} and {@code per_page} 1001 can be written with the Java
         * client (1010 from the server); a bad {@code order}, time or {@code field_changed} cannot (enums and
         * instants), {@code per_page} 0 is refused before any request, and the client sends no {@code page}.
         */
        @Test
        void auditLog_anEmptyChangedByOrPerPage1001_badRequest1010_onBothRoutes() {
            Map<AuditLogQuery, String> bad = Map.of(
                    AuditLogQuery.ALL.changedBy(""), "query parameter 'changed_by' must not be empty",
                    AuditLogQuery.ALL.perPage(1001), "per_page must be an integer from 1 to 1000; got '1001'");
            for (var c : bad.entrySet()) {
                for (Supplier<Page<AuditLogEntry>> call : List.<Supplier<Page<AuditLogEntry>>>of(
                        () -> edit().insights(Scope.ACCOUNT_SCOPE)
                                .auditLog(c.getKey())
                                .firstPage(),
                        () -> edit().insights(Scope.ZONE_SCOPE)
                                .auditLog(Compat.ZONE_HTTPS, c.getKey())
                                .firstPage())) {
                    BadRequestException e = rejects(BadRequestException.class, call::get);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.code()).isEqualTo(1010);
                    assertThat(e.errors().get(0).message()).isEqualTo(c.getValue());
                }
            }
            assertThatThrownBy(() -> AuditLogQuery.ALL.perPage(0)).hasMessage("perPage must be at least 1; got 0");
        }
    }

    @Nested
    @org.junit.jupiter.api.Order(4)
    class WritesWhilePaging {
        @Test
        void paged_aNewerEntryIsNotReturnedByADescWalkUnderWay_andOnceByAnAscWalk() {
            Session s = edit();
            Insights insights = s.insights(Scope.ACCOUNT_SCOPE);
            Iterator<AuditLogEntry> desc =
                    insights.auditLog(AuditLogQuery.ALL.perPage(3)).iterator();
            Iterator<AuditLogEntry> asc = insights.auditLog(
                            AuditLogQuery.ALL.perPage(3).order(Order.ASC))
                    .iterator();
            assertThat(desc.hasNext() && asc.hasNext()).isTrue(); // each has its first page
            insights.classify(Compat.ACCT_DMARC, Classification.FALSE_POSITIVE, null);

            List<AuditLogEntry> descAll = new ArrayList<>();
            desc.forEachRemaining(descAll::add);
            assertThat(descAll)
                    .as("desc: exactly the entries that existed when it started")
                    .isEqualTo(newestFirst());

            List<AuditLogEntry> ascAll = new ArrayList<>();
            asc.forEachRemaining(ascAll::add);
            assertThat(ascAll.subList(0, ascAll.size() - 1)).isEqualTo(entries);
            assertThat(ascAll).hasSize(entries.size() + 1);
            assertThat(ascAll.getLast().issueId())
                    .as("asc: the new entry comes last, once")
                    .isEqualTo(Compat.ACCT_DMARC);
            assertThat(new HashSet<>(idsOf(ascAll))).hasSize(ascAll.size());
            assertThat(Duration.between(startedAt, Instant.now())).isPositive();
        }
    }
}
