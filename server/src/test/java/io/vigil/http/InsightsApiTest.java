package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.auth.Permission;
import io.vigil.insight.Insight;
import io.vigil.testing.Dataset;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** List, counts, dismiss and context over HTTP, against a fixed dataset. */
class InsightsApiTest {
    static final String ACCOUNT_INSIGHTS = "/accounts/" + ACCOUNT + "/security-center/insights";
    static final String ZONE_INSIGHTS = "/zones/" + ZONE + "/security-center/insights";
    static final List<Insight> DATA = Dataset.insights(120);
    /** Tests that change insights do it in an account of their own, so the dataset stays as generated. */
    static final String MUTABLE = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee3";

    static final String MUTABLE_INSIGHTS = "/accounts/" + MUTABLE + "/security-center/insights";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String read;
    static String edit;

    @BeforeAll
    static void seed() {
        server.seed(DATA);
        read = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT, MUTABLE), Set.of());
    }

    static Reply get(String path) {
        return server.send("GET", path, null, "Authorization", "Bearer " + read);
    }

    static Reply getAs(String token, String path) {
        return server.send("GET", path, null, "Authorization", "Bearer " + token);
    }

    static List<String> ids(Reply reply) {
        List<String> ids = new ArrayList<>();
        reply.json()
                .path("result")
                .path("issues")
                .forEach(issue -> ids.add(issue.path("id").asText()));
        return ids;
    }

    static Set<String> expected(Predicate<Insight> predicate) {
        Set<String> ids = new HashSet<>();
        DATA.stream()
                .filter(i -> i.accountId().equals(ACCOUNT))
                .filter(predicate)
                .forEach(i -> ids.add(i.id()));
        return ids;
    }

    @Test
    void list_noFilter_showsTheAccountsInsightsThatAreNotDismissed() {
        Reply reply = get(ACCOUNT_INSIGHTS + "?per_page=1000");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply)).containsExactlyInAnyOrderElementsOf(expected(i -> !i.dismissed()));
        JsonNode result = reply.json().path("result");
        assertThat(result.path("count").asLong())
                .isEqualTo(expected(i -> !i.dismissed()).size());
        assertThat(result.path("page").asInt()).isEqualTo(1);
        assertThat(result.path("per_page").asInt()).isEqualTo(1000);
        assertThat(reply.json().path("result_info").path("total_count").asLong())
                .isEqualTo(result.path("count").asLong());
    }

    @Test
    void list_dismissedTrue_showsOnlyDismissed() {
        assertThat(ids(get(ACCOUNT_INSIGHTS + "?per_page=1000&dismissed=true")))
                .containsExactlyInAnyOrderElementsOf(expected(Insight::dismissed));
    }

    @Test
    void list_zonePath_showsThatZoneOnly() {
        assertThat(ids(get(ZONE_INSIGHTS + "?per_page=1000")))
                .containsExactlyInAnyOrderElementsOf(expected(i -> ZONE.equals(i.zoneId()) && !i.dismissed()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            severity=critical                                     | SEVERITY_CRITICAL
            severity=low&severity=critical                        | SEVERITY_LOW_OR_CRITICAL
            severity=low,critical                                 | SEVERITY_LOW_OR_CRITICAL
            severity=Low&severity=Critical                        | SEVERITY_LOW_OR_CRITICAL
            severity~neq=moderate                                 | SEVERITY_LOW_OR_CRITICAL
            issue_type=email_security&severity=critical           | EMAIL_AND_CRITICAL
            issue_class=dnssec_disabled                           | CLASS_DNSSEC
            issue_class~neq=dnssec_disabled                       | CLASS_NOT_DNSSEC
            product=dns                                           | PRODUCT_DNS
            product~neq=dns                                       | PRODUCT_NOT_DNS
            subject=www.example.com                               | SUBJECT_WWW
            subject=a%2Cb.example.com                             | SUBJECT_WITH_COMMA
            subject~neq=www.example.com&subject~neq=example.com   | SUBJECT_NEITHER
            """)
    void list_filter_matchesTheReferenceSemantics(String query, String expectation) {
        Predicate<Insight> predicate = switch (expectation) {
            case "SEVERITY_CRITICAL" -> i -> i.severity().name().equals("CRITICAL");
            case "SEVERITY_LOW_OR_CRITICAL" -> i -> !i.severity().name().equals("MODERATE");
            case "EMAIL_AND_CRITICAL" ->
                i -> i.issueType().wireName().equals("email_security")
                        && i.severity().name().equals("CRITICAL");
            case "CLASS_DNSSEC" -> i -> i.issueClass().equals("dnssec_disabled");
            case "CLASS_NOT_DNSSEC" -> i -> !i.issueClass().equals("dnssec_disabled");
            case "PRODUCT_DNS" -> i -> "dns".equals(i.product());
            case "PRODUCT_NOT_DNS" -> i -> !"dns".equals(i.product());
            case "SUBJECT_WWW" -> i -> i.subject().equals("www.example.com");
            case "SUBJECT_WITH_COMMA" -> i -> false; // a comma splits values: "a" and "b.example.com"
            case "SUBJECT_NEITHER" ->
                i -> !i.subject().equals("www.example.com") && !i.subject().equals("example.com");
            default -> throw new IllegalArgumentException(expectation);
        };
        assertThat(ids(get(ACCOUNT_INSIGHTS + "?per_page=1000&" + query)))
                .containsExactlyInAnyOrderElementsOf(expected(predicate.and(i -> !i.dismissed())));
    }

    @Test
    void list_walkingEveryPage_returnsEachInsightExactlyOnceInAStableOrder() {
        List<String> walked = new ArrayList<>();
        for (int page = 1; page <= 40; page++) {
            Reply reply = get(ACCOUNT_INSIGHTS + "?per_page=7&page=" + page);
            List<String> ids = ids(reply);
            if (ids.isEmpty()) {
                assertThat(reply.json().path("result_info").path("count").asInt())
                        .isZero();
                break;
            }
            walked.addAll(ids);
        }
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected(i -> !i.dismissed()));
        assertThat(ids(get(ACCOUNT_INSIGHTS + "?per_page=7&page=2")))
                .isEqualTo(ids(get(ACCOUNT_INSIGHTS + "?per_page=7&page=2")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            per_page=0          | per_page must be an integer from 1 to 1000; got '0'
            per_page=1001       | per_page must be an integer from 1 to 1000; got '1001'
            page=0              | page must be an integer from 1 to 1000000; got '0'
            page=-1             | page must be an integer from 1 to 1000000; got '-1'
            page=two            | page must be an integer from 1 to 1000000; got 'two'
            page=1&page=2       | query parameter 'page' must be given once, not 2 times
            severity=            | query parameter 'severity' must not be empty
            severity=severe     | severity must be one of low, moderate, critical; got 'severe'
            issue_type=bogus    | issue_type must be one of compliance_violation, email_security, exposed_infrastructure, insecure_configuration, weak_authentication, configuration_suggestion; got 'bogus'
            dismissed=yes       | dismissed must be true or false; got 'yes'
            dismissed~neq=true  | unknown query parameter 'dismissed~neq'; this endpoint takes dismissed, issue_class, issue_class~neq, issue_type, issue_type~neq, page, per_page, product, product~neq, severity, severity~neq, source, subject, subject~neq
            """)
    void list_badQuery_isA400NamingTheParameter(String query, String message) {
        assertThat(get(ACCOUNT_INSIGHTS + "?" + query.strip())).failsWith(400, 1010, message);
    }

    @Test
    void list_sourceFilter_cloudflareIsEverything_riskreconIsNothing() {
        assertThat(ids(get(ACCOUNT_INSIGHTS + "?per_page=1000&source=cloudflare")))
                .containsExactlyInAnyOrderElementsOf(expected(i -> !i.dismissed()));
        Reply riskrecon = get(ACCOUNT_INSIGHTS + "?source=riskrecon");
        assertThat(ids(riskrecon)).isEmpty();
        assertThat(riskrecon.json().path("result").path("count").asLong()).isZero();
        assertThat(get(ACCOUNT_INSIGHTS + "/type?source=riskrecon").json().path("result"))
                .isEmpty();
        assertThat(get(ACCOUNT_INSIGHTS + "?source=qualys"))
                .failsWith(400, 1010, "source must be one of cloudflare, riskrecon; got 'qualys'");
    }

    @Test
    void list_pagePastTheEnd_isEmptyWithTheTotal() {
        Reply reply = get(ACCOUNT_INSIGHTS + "?page=999&per_page=10");
        assertThat(ids(reply)).isEmpty();
        assertThat(reply.json().path("result").path("count").asLong())
                .isEqualTo(expected(i -> !i.dismissed()).size());
    }

    @Test
    void counts_eachField_sumToTheListTotalAndMatchPerValue() {
        for (String field : List.of("class", "severity", "type")) {
            Reply reply = get(ACCOUNT_INSIGHTS + "/" + field + "?severity~neq=low");
            assertThat(reply.status()).isEqualTo(200);
            long sum = 0;
            for (JsonNode count : reply.json().path("result")) {
                String value = count.path("value").asText();
                String filter = switch (field) {
                    case "class" -> "issue_class=" + value;
                    case "severity" -> "severity=" + value;
                    default -> "issue_type=" + value;
                };
                Reply list = get(ACCOUNT_INSIGHTS + "?per_page=1&severity~neq=low&" + filter);
                assertThat(count.path("count").asLong())
                        .as("%s=%s", field, value)
                        .isEqualTo(list.json().path("result").path("count").asLong());
                sum += count.path("count").asLong();
            }
            assertThat(sum)
                    .isEqualTo(get(ACCOUNT_INSIGHTS + "?severity~neq=low")
                            .json()
                            .path("result")
                            .path("count")
                            .asLong());
        }
    }

    @Test
    void counts_pagination_isNotAParameter() {
        assertThat(get(ACCOUNT_INSIGHTS + "/class?page=1")
                        .json()
                        .path("errors")
                        .get(0)
                        .path("code")
                        .asInt())
                .isEqualTo(1010);
    }

    @Test
    void dismiss_thenRestore_isIdempotentAndMovesTheInsightBetweenViews() {
        server.seed(Insights.inAccount("dismiss-me", MUTABLE));
        String path = MUTABLE_INSIGHTS + "/dismiss-me/dismiss";
        String[] auth = {"Authorization", "Bearer " + edit, "Content-Type", "application/json"};
        assertThat(server.send("PUT", path, "{\"dismiss\":true}", auth)).succeedsWithSeedEnvelope();
        assertThat(server.send("PUT", path, "{\"dismiss\":true}", auth)).succeedsWithSeedEnvelope();
        assertThat(ids(getAs(edit, MUTABLE_INSIGHTS + "?per_page=1000&dismissed=true")))
                .contains("dismiss-me");
        assertThat(ids(getAs(edit, MUTABLE_INSIGHTS + "?per_page=1000"))).doesNotContain("dismiss-me");
        assertThat(server.send("PUT", path, "{\"dismiss\":false}", auth)).succeedsWithSeedEnvelope();
        assertThat(ids(getAs(edit, MUTABLE_INSIGHTS + "?per_page=1000"))).contains("dismiss-me");
        assertThat(server.auditTrail("dismiss-me")).isEmpty();
    }

    @Test
    void dismiss_emptyBody_dismisses() {
        server.seed(Insights.inAccount("dismiss-empty", MUTABLE));
        assertThat(server.send(
                        "PUT", MUTABLE_INSIGHTS + "/dismiss-empty/dismiss", null, "Authorization", "Bearer " + edit))
                .succeedsWithSeedEnvelope();
        assertThat(ids(getAs(edit, MUTABLE_INSIGHTS + "?per_page=1000&dismissed=true")))
                .contains("dismiss-empty");
    }

    @Test
    void dismiss_badBody_isA400() {
        server.seed(Insights.inAccount("dismiss-bad", MUTABLE));
        String path = MUTABLE_INSIGHTS + "/dismiss-bad/dismiss";
        String[] auth = {"Authorization", "Bearer " + edit, "Content-Type", "application/json"};
        assertThat(server.send("PUT", path, "{\"dismiss\":\"yes\"}", auth))
                .failsWith(400, 1002, "dismiss must be true or false")
                .atPointer("/dismiss");
        assertThat(server.send("PUT", path, "{\"archive\":true}", auth))
                .failsWith(400, 1006, "unknown field 'archive'; the body takes 'dismiss'");
    }

    @Test
    void dismiss_anyQueryParameter_isA400SayingItTakesNone() {
        server.seed(Insights.inAccount("dismiss-query", MUTABLE));
        assertThat(server.send(
                        "PUT",
                        MUTABLE_INSIGHTS + "/dismiss-query/dismiss?force=1",
                        "{}",
                        "Authorization",
                        "Bearer " + edit,
                        "Content-Type",
                        "application/json"))
                .failsWith(400, 1010, "unknown query parameter 'force'; this endpoint takes no query parameters");
    }

    @Test
    void dismiss_readToken_isForbidden_unknownInsight_isNotFound() {
        assertThat(server.send(
                        "PUT",
                        ACCOUNT_INSIGHTS + "/ds-1/dismiss",
                        "{}",
                        "Authorization",
                        "Bearer " + read,
                        "Content-Type",
                        "application/json"))
                .failsWith(403, 10000, "Authentication error");
        assertThat(server.send(
                        "PUT",
                        ACCOUNT_INSIGHTS + "/nope/dismiss",
                        "{}",
                        "Authorization",
                        "Bearer " + edit,
                        "Content-Type",
                        "application/json"))
                .failsWith(404, 1100, "insight 'nope' not found");
    }

    @Test
    void context_ofAnInsightWithOne_isItsObject_withoutOne_is404() {
        Insight with = DATA.stream()
                .filter(i -> i.accountId().equals(ACCOUNT) && i.hasExtendedContext())
                .findFirst()
                .orElseThrow();
        Insight without = DATA.stream()
                .filter(i -> i.accountId().equals(ACCOUNT) && !i.hasExtendedContext())
                .findFirst()
                .orElseThrow();
        Reply reply = get(ACCOUNT_INSIGHTS + "/" + with.id() + "/context");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("result").toString()).isEqualTo(with.contextJson());
        assertThat(get(ACCOUNT_INSIGHTS + "/" + without.id() + "/context"))
                .failsWith(
                        404,
                        1101,
                        "insight '" + without.id() + "' has no extended context (has_extended_context is false)");
        assertThat(get(ZONE_INSIGHTS + "/" + with.id() + "/context")).failsWith(404, 7000, "No route for that URI");
    }

    @Test
    void list_otherAccountsPath_isForbidden() {
        assertThat(get("/accounts/" + Insights.OTHER_ACCOUNT + "/security-center/insights"))
                .failsWith(403, 10000, "Authentication error");
    }
}
