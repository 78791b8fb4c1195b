package io.vigil.client;

import static io.vigil.client.VigilServer.ACCOUNT;
import static io.vigil.client.VigilServer.ZONE;
import static io.vigil.client.VigilServer.insight;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every Cloudflare operation of the client, on an account and a zone, against a real Vigil server. */
class CloudflareOperationsTest {
    static VigilServer server;
    static InsightsClient client;

    @BeforeAll
    static void start() {
        server = VigilServer.start();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        server.seed(
                insight("acct-critical", ACCOUNT, null, t.plusSeconds(60))
                        .severity(io.vigil.insight.Severity.CRITICAL)
                        .issueType(io.vigil.insight.IssueType.EXPOSED_INFRASTRUCTURE)
                        .issueClass("dns_record_exposes_origin")
                        .subject("a.example.com")
                        .contextJson("{\"records\":[\"a.example.com A 192.0.2.1\"]}")
                        .build(),
                insight("acct-classify", ACCOUNT, null, t.plusSeconds(50)).build(),
                insight("acct-expiry", ACCOUNT, null, t.plusSeconds(40)).build(),
                insight("zone-low", ACCOUNT, ZONE, t.plusSeconds(30))
                        .severity(io.vigil.insight.Severity.LOW)
                        .subject("z.example.com")
                        .product("dns")
                        .build(),
                insight("zone-dismiss", ACCOUNT, ZONE, t.plusSeconds(20)).build(),
                insight("other-account", VigilServer.OTHER_ACCOUNT, null, t).build());
        client = server.client(server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of()));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static List<String> ids(Iterable<Insight> insights) {
        List<String> ids = new java.util.ArrayList<>();
        insights.forEach(i -> ids.add(i.id()));
        return ids;
    }

    @Test
    void list_account_holdsItsOwnAndItsZonesInsightsNewestFirst() {
        assertThat(ids(client.account(ACCOUNT).insights().list()))
                .containsExactly("acct-critical", "acct-classify", "acct-expiry", "zone-low", "zone-dismiss");
    }

    @Test
    void list_zone_holdsOnlyTheZones() {
        assertThat(ids(client.zone(ZONE)
                        .insights()
                        .list(InsightQuery.builder().dismissed(false).build())))
                .containsExactly("zone-low", "zone-dismiss");
    }

    @Test
    void list_filters_selectAsTheServerMatches() {
        Insights insights = client.account(ACCOUNT).insights();
        assertThat(ids(insights.list(
                        InsightQuery.builder().severity(Severity.CRITICAL).build())))
                .containsExactly("acct-critical");
        assertThat(ids(insights.list(InsightQuery.builder()
                        .severity(Severity.CRITICAL, Severity.LOW)
                        .build())))
                .containsExactly("acct-critical", "zone-low");
        assertThat(ids(insights.list(InsightQuery.builder()
                        .severityNot(Severity.MODERATE)
                        .issueTypeNot(IssueType.EXPOSED_INFRASTRUCTURE)
                        .build())))
                .containsExactly("zone-low");
        assertThat(ids(insights.list(InsightQuery.builder()
                        .issueType(IssueType.EXPOSED_INFRASTRUCTURE)
                        .issueClass("dns_record_exposes_origin")
                        .subject("a.example.com")
                        .source(FindingSource.CLOUDFLARE)
                        .build())))
                .containsExactly("acct-critical");
        assertThat(ids(insights.list(InsightQuery.builder()
                        .product("dns")
                        .issueClassNot("dns_record_exposes_origin")
                        .subjectNot("a.example.com")
                        .productNot("ssl")
                        .build())))
                .containsExactly("zone-low");
    }

    @Test
    void list_insight_mirrorsEveryWireField() {
        Insight critical = client.account(ACCOUNT)
                .insights()
                .list(InsightQuery.builder().severity(Severity.CRITICAL).build())
                .firstPage()
                .items()
                .get(0);

        assertThat(critical.id()).isEqualTo("acct-critical");
        assertThat(critical.dismissed()).isFalse();
        assertThat(critical.hasExtendedContext()).isTrue();
        assertThat(critical.issueClass()).isEqualTo("dns_record_exposes_origin");
        assertThat(critical.issueType()).isEqualTo(IssueType.EXPOSED_INFRASTRUCTURE);
        assertThat(critical.payload().path("detection_method").asText()).isEqualTo("test");
        assertThat(critical.product()).isEqualTo("ssl");
        assertThat(critical.resolveLink()).isEqualTo("https://example.com/fix");
        assertThat(critical.resolveText()).isEqualTo("Turn it on");
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(critical.since()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(critical.status()).isEqualTo(InsightStatus.ACTIVE);
        assertThat(critical.subject()).isEqualTo("a.example.com");
        assertThat(critical.timestamp()).isEqualTo(Instant.parse("2026-11-20T10:01:00Z"));
        assertThat(critical.userClassification()).isNull();
        assertThat(critical.classificationExpiresOn()).isNull();
    }

    @Test
    void list_firstPage_carriesResultInfo() {
        Page<Insight> page = client.account(ACCOUNT)
                .insights()
                .list(InsightQuery.builder().perPage(2).page(2).build())
                .firstPage();

        assertThat(page.items()).extracting(Insight::id).containsExactly("acct-expiry", "zone-low");
        assertThat(page.info().page()).isEqualTo(2);
        assertThat(page.info().perPage()).isEqualTo(2);
        assertThat(page.info().count()).isEqualTo(2);
    }

    @Test
    void counts_groupTheFilteredInsights() {
        Insights insights = client.zone(ZONE).insights();
        InsightQuery all = InsightQuery.ALL;

        assertThat(insights.countBySeverity(all))
                .containsExactlyInAnyOrder(new ValueCount("Low", 1), new ValueCount("Moderate", 1));
        assertThat(insights.countByType(all)).containsExactly(new ValueCount("insecure_configuration", 2));
        assertThat(insights.countByClass(
                        InsightQuery.builder().severity(Severity.LOW).build()))
                .containsExactly(new ValueCount("always_use_https_disabled", 1));
    }

    @Test
    void classify_thenReset_showsInTheListAndTheAuditLog() {
        Insights insights = client.account(ACCOUNT).insights();

        insights.classify("acct-classify", Classification.ACCEPT_RISK, "compensating WAF rule");
        insights.classify("acct-classify", Classification.ACCEPT_RISK, "sent twice: nothing recorded");
        assertThat(classificationOf("acct-classify")).isEqualTo(Classification.ACCEPT_RISK);
        insights.resetClassification("acct-classify");
        assertThat(classificationOf("acct-classify")).isNull();

        List<AuditLogEntry> trail =
                insights.auditLog("acct-classify", AuditLogQuery.ALL.order(AuditLogQuery.Order.ASC)).stream()
                        .toList();
        assertThat(trail)
                .extracting(AuditLogEntry::fieldChanged, AuditLogEntry::previousValue, AuditLogEntry::currentValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("user_classification", null, "accept_risk"),
                        org.assertj.core.groups.Tuple.tuple("user_classification", "accept_risk", null));
        AuditLogEntry set = trail.get(0);
        assertThat(set.issueId()).isEqualTo("acct-classify");
        assertThat(set.rationale()).isEqualTo("compensating WAF rule");
        assertThat(set.changedBy()).startsWith("token:");
        assertThat(set.changedByName()).isEqualTo("client test");
        assertThat(set.zoneId()).isNull();
        assertThat(set.bulkId()).isNull();
        assertThat(set.changedAt()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void classify_withVigilsExpiry_isShownOnTheInsight() {
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        client.account(ACCOUNT)
                .insights()
                .classify(
                        "acct-expiry",
                        ClassificationUpdate.set(Classification.OTHER, "tracked in SEC-42")
                                .expiringOn(expiry));

        Insight classified = client.account(ACCOUNT).insights().list().stream()
                .filter(i -> i.id().equals("acct-expiry"))
                .findFirst()
                .orElseThrow();
        assertThat(classified.userClassification()).isEqualTo(Classification.OTHER);
        assertThat(classified.classificationExpiresOn()).isEqualTo(expiry);
    }

    @Test
    void dismiss_onAZone_takesTheInsightOutOfTheUndismissedList_andRestoreBringsItBack() {
        ZoneInsights insights = client.zone(ZONE).insights();
        InsightQuery dismissed = InsightQuery.builder().dismissed(true).build();

        insights.dismiss("zone-dismiss", true);
        insights.dismiss("zone-dismiss", true);
        assertThat(ids(insights.list(dismissed))).containsExactly("zone-dismiss");

        insights.dismiss("zone-dismiss", false);
        assertThat(ids(insights.list(dismissed))).isEmpty();
    }

    @Test
    void context_ofAnInsightWithOne_isTheScannersObject() {
        assertThat(client.account(ACCOUNT).insights().context("acct-critical").toString())
                .isEqualTo("{\"records\":[\"a.example.com A 192.0.2.1\"]}");
    }

    @Test
    void auditLog_ofAZone_carriesTheZonesNumber() {
        ZoneInsights insights = client.zone(ZONE).insights();
        insights.classify("zone-low", Classification.FALSE_POSITIVE, null);

        List<AuditLogEntry> zoneLog =
                insights.auditLog(AuditLogQuery.ALL).stream().toList();
        List<AuditLogEntry> accountLog = client
                .account(ACCOUNT)
                .insights()
                .auditLog(AuditLogQuery.ALL.fieldChanged(AuditLogQuery.Field.USER_CLASSIFICATION))
                .stream()
                .toList();

        assertThat(zoneLog).extracting(AuditLogEntry::issueId).containsOnly("zone-low");
        assertThat(zoneLog.get(0).zoneId()).isNotNull().isPositive();
        assertThat(accountLog).extracting(AuditLogEntry::issueId).contains("zone-low");
    }

    @Test
    void scans_startedOnTheAccountAndTheZone_areListedWithTheAccountsQuota() {
        String onAccount = client.account(ACCOUNT).scans().start();
        String onZone = client.zone(ZONE).scans().start(ScanRequest.of(IssueType.INSECURE_CONFIGURATION));

        ScanList accountScans = client.account(ACCOUNT).scans().list();
        ScanList zoneScans = client.zone(ZONE).scans().list();

        assertThat(accountScans.scans()).extracting(Scan::scanId).containsExactly(onZone, onAccount);
        assertThat(zoneScans.scans()).extracting(Scan::scanId).containsExactly(onZone, onAccount);
        assertThat(accountScans.quota()).isEqualTo(new ScanQuota(2, 3));
        assertThat(accountScans.scans().get(0).startedAt())
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(accountScans.scans().get(0).status()).isIn(ScanStatus.IN_PROGRESS, ScanStatus.COMPLETED);
    }

    @Test
    @SuppressWarnings("deprecation") // the deprecated routes are what is tested
    void attackSurfaceReport_answersAsItsTwins() {
        AttackSurfaceReport report = client.account(ACCOUNT).attackSurfaceReport();
        InsightQuery critical =
                InsightQuery.builder().severity(Severity.CRITICAL).build();

        assertThat(report.issueTypes())
                .containsExactly(
                        IssueType.COMPLIANCE_VIOLATION,
                        IssueType.EMAIL_SECURITY,
                        IssueType.EXPOSED_INFRASTRUCTURE,
                        IssueType.INSECURE_CONFIGURATION,
                        IssueType.WEAK_AUTHENTICATION,
                        IssueType.CONFIGURATION_SUGGESTION);
        assertThat(ids(report.issues(critical))).containsExactly("acct-critical");
        assertThat(report.countByClass(critical))
                .isEqualTo(client.account(ACCOUNT).insights().countByClass(critical));
        assertThat(report.countBySeverity(critical))
                .isEqualTo(client.account(ACCOUNT).insights().countBySeverity(critical));
        assertThat(report.countByType(critical))
                .isEqualTo(client.account(ACCOUNT).insights().countByType(critical));
        report.dismiss("acct-critical", true);
        assertThat(ids(report.issues(InsightQuery.builder().dismissed(true).build())))
                .contains("acct-critical");
        report.dismiss("acct-critical", false);
    }

    @Test
    void globalApiKey_authenticatesAsItsUser() {
        String key = server.user("analyst@example.com", Set.of(ACCOUNT));
        try (InsightsClient legacy = InsightsClient.builder()
                .baseUrl(server.baseUrl())
                .apiKey("analyst@example.com", key)
                .build()) {
            assertThat(ids(legacy.zone(ZONE)
                            .insights()
                            .list(InsightQuery.builder().dismissed(false).build())))
                    .containsExactly("zone-low", "zone-dismiss");
        }
    }

    private static Classification classificationOf(String id) {
        return client.account(ACCOUNT).insights().list().stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow()
                .userClassification();
    }
}
