package io.vigil.client.scenarios;

import static io.vigil.client.scenarios.Compat.ACCOUNT;
import static io.vigil.client.scenarios.Compat.assertOk;
import static io.vigil.client.scenarios.Compat.rejects;
import static io.vigil.client.scenarios.Fixture.ids;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.client.AttackSurfaceReport;
import io.vigil.client.AuditLogQuery;
import io.vigil.client.BadRequestException;
import io.vigil.client.FindingSource;
import io.vigil.client.Insight;
import io.vigil.client.InsightQuery;
import io.vigil.client.Insights;
import io.vigil.client.IssueType;
import io.vigil.client.NotFoundException;
import io.vigil.client.Page;
import io.vigil.client.PermissionDeniedException;
import io.vigil.client.RecordingHttpClient.Exchange;
import io.vigil.client.Severity;
import io.vigil.client.ValueCount;
import io.vigil.client.scenarios.Compat.Scope;
import io.vigil.client.scenarios.Compat.Session;
import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * compat/test/attack-surface-report.test.js: Cloudflare's deprecated {@code intel/attack-surface-report} names of an
 * account's insight operations, each answering as its {@code security-center/insights} twin. Every scheme test runs
 * with an API token and with email + global API key (once each). Each test leaves the insights it changes as it found
 * them.
 */
@SuppressWarnings("deprecation") // the deprecated routes are what this class is about
@VigilTest(accountId = ACCOUNT)
class AttackSurfaceReportScenariosTest {
    static Compat compat;

    static final String REPORT = "/client/v4/accounts/" + ACCOUNT + "/intel/attack-surface-report";

    /** Filter cases sent to an alias and to its twin. */
    static final List<InsightQuery> CASES = List.of(
            InsightQuery.ALL,
            InsightQuery.builder().severity(Severity.LOW, Severity.CRITICAL).build(),
            InsightQuery.builder()
                    .issueTypeNot(IssueType.INSECURE_CONFIGURATION)
                    .product("dns", "ssl")
                    .build(),
            InsightQuery.builder().dismissed(true).build(),
            InsightQuery.builder()
                    .subject("example.com")
                    .source(FindingSource.CLOUDFLARE)
                    .build());

    /** Both credential schemes, each able to edit the account. */
    enum Scheme {
        API_TOKEN,
        EMAIL_AND_KEY;

        Session client() {
            return this == API_TOKEN ? compat.client(compat.edit) : compat.client(compat.member);
        }

        void assertSentBy(Exchange call) {
            if (this == API_TOKEN) {
                assertThat(call.header("Authorization")).isEqualTo("Bearer " + compat.edit.secret());
                assertThat(call.header("X-Auth-Email")).isNull();
            } else {
                assertThat(call.header("X-Auth-Email")).isEqualTo(Compat.MEMBER_EMAIL);
                assertThat(call.header("Authorization")).isNull();
            }
        }
    }

    @BeforeAll
    static void start(Vigil vigil) {
        compat = Compat.start(vigil);
    }

    @AfterAll
    static void stop() {
        compat.close();
    }

    private static AttackSurfaceReport report(Session s) {
        return s.client().account(ACCOUNT).attackSurfaceReport();
    }

    private record Twins(
            String name,
            BiFunction<AttackSurfaceReport, InsightQuery, List<ValueCount>> alias,
            BiFunction<Insights, InsightQuery, List<ValueCount>> twin) {}

    private static final List<Twins> COUNTS = List.of(
            new Twins("class", AttackSurfaceReport::countByClass, Insights::countByClass),
            new Twins("severity", AttackSurfaceReport::countBySeverity, Insights::countBySeverity),
            new Twins("type", AttackSurfaceReport::countByType, Insights::countByType));

    @Nested
    class EachScheme {
        @ParameterizedTest
        @EnumSource(Scheme.class)
        void issueTypes_theSixIssueTypesOfTheSchema_inOneRequest(Scheme scheme) {
            Session s = scheme.client();
            List<IssueType> types = report(s).issueTypes();
            List<IssueType> schema = Arrays.stream(IssueType.values())
                    .filter(t -> t != IssueType.UNKNOWN)
                    .toList();
            assertThat(types).isEqualTo(schema);
            assertThat(s.calls().count()).isEqualTo(1);
            assertThat(s.calls().last().method()).isEqualTo("GET");
            assertThat(s.calls().last().path()).isEqualTo(REPORT + "/issue-types");
            assertThat(s.calls().last().query()).isNull();
            scheme.assertSentBy(s.calls().last());
            for (var line : Fixture.LINES) {
                assertThat(types.stream().map(IssueType::wireName))
                        .contains(line.path("issue_type").asText());
            }
        }

        @ParameterizedTest
        @EnumSource(Scheme.class)
        void issues_theSameAnswerAsTheTwinList_forEveryFilterCase(Scheme scheme) {
            Session s = scheme.client();
            for (InsightQuery filters : CASES) {
                String label = filters.filterString();
                Page<Insight> alias = report(s).issues(filters).firstPage();
                Page<Insight> twin =
                        s.insights(Scope.ACCOUNT_SCOPE).list(filters).firstPage();
                assertThat(alias).as(label).isEqualTo(twin);
                List<Exchange> both = s.calls().since(s.calls().count() - 2);
                assertThat(both.get(0).path()).as(label).isEqualTo(REPORT + "/issues");
                assertThat(both.get(0).query())
                        .as("the same query string")
                        .isEqualTo(both.get(1).query());
                scheme.assertSentBy(both.get(0));
            }
            assertThat(report(s).issues(InsightQuery.ALL).firstPage().info().totalCount())
                    .as("the fixture account: three account-level and four listed zone-level insights")
                    .isEqualTo(7);
        }

        @ParameterizedTest
        @EnumSource(Scheme.class)
        void issues_pageByPage_walkTheTwinsList(Scheme scheme) {
            Session s = scheme.client();
            List<Insight> twin = s.insights(Scope.ACCOUNT_SCOPE)
                    .list(InsightQuery.builder().perPage(1000).build())
                    .firstPage()
                    .items();
            List<Insight> seen = new ArrayList<>();
            report(s).issues(InsightQuery.builder().perPage(2).build()).forEach(seen::add);
            assertThat(seen)
                    .as("every insight exactly once, in the twin's order")
                    .isEqualTo(twin);
            List<Exchange> walk = s.calls().since(1);
            assertThat(walk).hasSize((seen.size() + 1) / 2);
            for (int i = 0; i < walk.size(); i++) {
                assertThat(walk.get(i).path() + "?" + walk.get(i).query())
                        .isEqualTo(REPORT + "/issues?page=" + (i + 1) + "&per_page=2");
            }
        }

        @ParameterizedTest
        @EnumSource(Scheme.class)
        void issueCounts_theTwinCounts_addingUpToTheListTotal(Scheme scheme) {
            Session s = scheme.client();
            for (InsightQuery filters : CASES) {
                long total = report(s).issues(filters).firstPage().info().totalCount();
                for (Twins counts : COUNTS) {
                    String label = counts.name() + " " + filters.filterString();
                    List<ValueCount> got = counts.alias().apply(report(s), filters);
                    assertThat(s.calls().last().path()).as(label).isEqualTo(REPORT + "/issues/" + counts.name());
                    scheme.assertSentBy(s.calls().last());
                    assertThat(got).as(label).isEqualTo(counts.twin().apply(s.insights(Scope.ACCOUNT_SCOPE), filters));
                    assertThat(got.stream().mapToLong(ValueCount::count).sum())
                            .as(label + " adds up")
                            .isEqualTo(total);
                }
            }
        }
    }

    @Nested
    class Dismiss {
        private List<Insight> listed(Session s, InsightQuery.Builder filters) {
            return s.insights(Scope.ACCOUNT_SCOPE)
                    .list(filters.perPage(1000).build())
                    .firstPage()
                    .items();
        }

        @Test
        void dismiss_bothSchemes_theTwinListAndCountsSeeIt_restoreWorks_nothingIsAudited() {
            for (Map.Entry<Scheme, String> c : List.of(
                    Map.entry(Scheme.API_TOKEN, Compat.ACCT_TOKEN),
                    Map.entry(Scheme.EMAIL_AND_KEY, Compat.ZONE_COLON_ID))) {
                Session s = c.getKey().client();
                String id = c.getValue();
                List<Insight> before = listed(s, InsightQuery.builder());
                Insight original = before.stream()
                        .filter(i -> i.id().equals(id))
                        .findFirst()
                        .orElseThrow();
                assertThat(original.dismissed()).isFalse();
                InsightQuery severity =
                        InsightQuery.builder().severity(original.severity()).build();
                long countBefore = s.insights(Scope.ACCOUNT_SCOPE)
                        .countBySeverity(severity)
                        .get(0)
                        .count();

                report(s).dismiss(id, true);
                Exchange put = s.calls().last();
                assertThat(put.method()).isEqualTo("PUT");
                assertThat(put.path()).isEqualTo(REPORT + "/" + id.replace(":", "%3A") + "/dismiss");
                assertThat(put.body()).isEqualTo("{\"dismiss\":true}");
                assertOk(put);
                c.getKey().assertSentBy(put);

                assertThat(ids(listed(s, InsightQuery.builder())))
                        .as("gone from the twin's default list")
                        .doesNotContain(id);
                List<Insight> archived = report(s)
                        .issues(InsightQuery.builder()
                                .dismissed(true)
                                .perPage(1000)
                                .build())
                        .firstPage()
                        .items();
                assertThat(archived.stream().filter(i -> i.id().equals(id)).findFirst())
                        .hasValueSatisfying(i -> {
                            assertThat(i.dismissed()).isTrue();
                            assertThat(i)
                                    .usingRecursiveComparison()
                                    .ignoringFields("dismissed")
                                    .isEqualTo(original);
                        });
                assertThat(s.insights(Scope.ACCOUNT_SCOPE).countBySeverity(severity))
                        .isEqualTo(
                                countBefore == 1
                                        ? List.of()
                                        : List.of(new ValueCount(Fixture.severityValue(original), countBefore - 1)));

                report(s).dismiss(id, false);
                assertOk(s.calls().last());
                report(s).dismiss(id, false); // idempotent
                assertOk(s.calls().last());
                assertThat(listed(s, InsightQuery.builder())).isEqualTo(before);
                assertThat(s.insights(Scope.ACCOUNT_SCOPE).auditLog(id, AuditLogQuery.ALL).stream())
                        .as("as the twin's, a dismissal is not audited")
                        .isEmpty();
            }
        }

        /** The SDK's {@code {}} dismisses; the Java client always sends the boolean: dismissed, restored by the twin. */
        @Test
        void dismiss_true_dismissesAsTheTwinDoes() {
            Session s = compat.client(compat.edit);
            report(s).dismiss(Compat.ACCT_DMARC, true);
            assertThat(ids(listed(s, InsightQuery.builder().dismissed(true)))).contains(Compat.ACCT_DMARC);
            s.insights(Scope.ACCOUNT_SCOPE).dismiss(Compat.ACCT_DMARC, false);
            assertOk(s.calls().last());
        }
    }

    @Nested
    class Errors {
        @Test
        void everyOperation_withoutAccess_permissionDenied10000_sentOnce() {
            for (Session s : List.of(
                    compat.client(compat.zoneEdit),
                    compat.client(compat.otherAccount),
                    compat.client(compat.outsider))) {
                AttackSurfaceReport report = report(s);
                List<ThrowingCallable> calls = List.of(
                        report::issueTypes,
                        () -> report.issues(InsightQuery.ALL).firstPage(),
                        () -> report.countByClass(InsightQuery.ALL),
                        () -> report.countBySeverity(InsightQuery.ALL),
                        () -> report.countByType(InsightQuery.ALL),
                        () -> report.dismiss(Compat.ACCT_2FA, true));
                for (ThrowingCallable call : calls) {
                    PermissionDeniedException e = rejects(PermissionDeniedException.class, call);
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.code()).isEqualTo(10000);
                    assertThat(e.errors().get(0).message()).isEqualTo("Authentication error");
                    assertThat(s.calls().last().responseHeader("x-should-retry"))
                            .isEqualTo("false");
                }
                assertThat(s.calls().count()).as("no retries").isEqualTo(6);
            }
            Session reader = compat.client(compat.read);
            PermissionDeniedException e = rejects(
                    PermissionDeniedException.class, () -> report(reader).dismiss(Compat.ACCT_2FA, true));
            assertThat(e.code()).as("a read token may list but not dismiss").isEqualTo(10000);
        }

        /**
         * Unknown or another account's insight: 1100. The SDK's bad body ({@code dismiss: 'yes'}, 1002) cannot be
         * written with the Java client, whose body is always the boolean.
         */
        @Test
        void dismiss_unknownOrAnotherAccountsInsight_notFound1100() {
            Session s = compat.client(compat.edit);
            for (String id : List.of("no-such-insight", Compat.OTHER_2FA)) {
                NotFoundException e =
                        rejects(NotFoundException.class, () -> report(s).dismiss(id, true));
                assertThat(e.errors()).hasSize(1);
                assertThat(e.code()).isEqualTo(1100);
                assertThat(e.errors().get(0).message()).isEqualTo("insight '" + id + "' not found");
            }
        }

        /**
         * A bad filter is 1010 with the twin's errors. The SDK's {@code severity: ['severe']} cannot be written in
         * Java (an empty subject is sent instead), nor a paging parameter to a count or {@code issue-types} (the
         * client sends none: asserted).
         */
        @Test
        void aBadFilter_badRequest1010_theTwinsErrors() {
            Session s = compat.client(compat.read);
            InsightQuery bad = InsightQuery.builder().subject("").build();
            BadRequestException got = rejects(
                    BadRequestException.class, () -> report(s).issues(bad).firstPage());
            BadRequestException want = rejects(
                    BadRequestException.class,
                    () -> s.insights(Scope.ACCOUNT_SCOPE).list(bad).firstPage());
            assertThat(got.code()).isEqualTo(1010);
            assertThat(got.errors()).isEqualTo(want.errors());
            BadRequestException gotCount =
                    rejects(BadRequestException.class, () -> report(s).countByType(bad));
            BadRequestException wantCount = rejects(
                    BadRequestException.class,
                    () -> s.insights(Scope.ACCOUNT_SCOPE).countByType(bad));
            assertThat(gotCount.errors()).isEqualTo(wantCount.errors());
            assertThat(report(s).countByType(InsightQuery.builder().perPage(5).build()))
                    .isNotEmpty();
            assertThat(s.calls().last().query()).isNull();
        }
    }
}
