package io.vigil.cli;

import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.Secrets;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The demo data of {@code vigil serve --demo}: one account and one zone (both named), 200 insights generated
 * from a fixed seed (so every run yields the same ids), and an edit token whose secret is new at every start.
 */
final class Demo {
    static final String ACCOUNT_ID = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String ZONE_ID = "372e67954025e0ba6aaa6d586b9e0b59";
    static final String ACCOUNT_NAME = "Demo account";
    static final String ZONE_NAME = "example.com";
    static final String TOKEN_ID = "de000000000000000000000000000001";
    static final int INSIGHTS = 200;

    private record Kind(IssueType type, String issueClass, String product, Severity severity, String fix) {}

    private static final List<Kind> ZONE_KINDS = List.of(
            new Kind(
                    IssueType.INSECURE_CONFIGURATION,
                    "always_use_https_disabled",
                    "ssl",
                    Severity.MODERATE,
                    "Turn on Always Use HTTPS"),
            new Kind(
                    IssueType.INSECURE_CONFIGURATION,
                    "ssl_min_tls_version_outdated",
                    "ssl",
                    Severity.MODERATE,
                    "Raise the minimum TLS version to 1.2"),
            new Kind(IssueType.INSECURE_CONFIGURATION, "dnssec_disabled", "dns", Severity.LOW, "Enable DNSSEC"),
            new Kind(
                    IssueType.EXPOSED_INFRASTRUCTURE,
                    "exposed_origin_ip",
                    "dns",
                    Severity.CRITICAL,
                    "Proxy the record through Cloudflare"),
            new Kind(
                    IssueType.EXPOSED_INFRASTRUCTURE,
                    "dns_record_private_ip",
                    "dns",
                    Severity.MODERATE,
                    "Remove the record pointing to a private address"),
            new Kind(
                    IssueType.EMAIL_SECURITY,
                    "dmarc_record_missing",
                    "email",
                    Severity.MODERATE,
                    "Publish a DMARC record"),
            new Kind(IssueType.EMAIL_SECURITY, "spf_record_missing", "email", Severity.LOW, "Publish an SPF record"),
            new Kind(
                    IssueType.COMPLIANCE_VIOLATION,
                    "security_txt_missing",
                    "waf",
                    Severity.LOW,
                    "Publish /.well-known/security.txt"),
            new Kind(
                    IssueType.CONFIGURATION_SUGGESTION,
                    "bot_fight_mode_disabled",
                    "bots",
                    Severity.LOW,
                    "Turn on Bot Fight Mode"),
            new Kind(
                    IssueType.CONFIGURATION_SUGGESTION,
                    "waf_managed_rules_disabled",
                    "waf",
                    Severity.CRITICAL,
                    "Deploy the Cloudflare Managed Ruleset"));

    private static final List<Kind> ACCOUNT_KINDS = List.of(
            new Kind(
                    IssueType.WEAK_AUTHENTICATION,
                    "user_without_2fa",
                    "access",
                    Severity.CRITICAL,
                    "Require two-factor authentication for members"),
            new Kind(
                    IssueType.WEAK_AUTHENTICATION,
                    "api_token_without_expiry",
                    "access",
                    Severity.MODERATE,
                    "Set an expiry on the API token"),
            new Kind(
                    IssueType.WEAK_AUTHENTICATION,
                    "global_api_key_in_use",
                    "access",
                    Severity.MODERATE,
                    "Replace the global API key with scoped tokens"),
            new Kind(
                    IssueType.COMPLIANCE_VIOLATION,
                    "audit_log_retention_short",
                    "logs",
                    Severity.LOW,
                    "Push audit logs to long-term storage"));

    private static final List<String> HOSTS = List.of(
            "example.com",
            "www.example.com",
            "api.example.com",
            "mail.example.com",
            "admin.example.com",
            "shop.example.com",
            "staging.example.com",
            "cdn.example.com",
            "vpn.example.com",
            "status.example.com");

    private static final List<String> MEMBERS =
            List.of("alice@example.com", "bob@example.com", "carol@example.com", "deploy-bot token", "ci token");

    /** What {@link #seed} created: enough to print working {@code curl} commands. */
    record Seeded(String token, List<Insight> insights) {
        void printTryIt(PrintWriter out, String baseUrl) {
            Insight zoneInsight = insights.stream()
                    .filter(i -> i.zoneId() != null)
                    .findFirst()
                    .orElseThrow();
            Insight accountInsight = insights.stream()
                    .filter(i -> i.zoneId() == null)
                    .findFirst()
                    .orElseThrow();
            out.println();
            out.println("Demo: account " + ACCOUNT_ID + ", zone " + ZONE_ID + ", " + insights.size() + " insights.");
            out.println("Demo edit token (new at every start; earlier ones stop working):");
            out.println();
            out.println("  export CLOUDFLARE_API_TOKEN=" + token);
            out.println();
            out.println("Try it:");
            out.println();
            out.println("  curl -X PATCH " + baseUrl + "/accounts/" + ACCOUNT_ID + "/security-center/insights/"
                    + accountInsight.id() + "/classification \\");
            out.println(
                    "    -H 'Content-Type: application/json' -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\");
            out.println("    -d '{\"classification\": \"accept_risk\", \"rationale\": \"tracked in SEC-42\"}'");
            out.println();
            out.println("  curl -X PATCH " + baseUrl + "/zones/" + ZONE_ID + "/security-center/insights/"
                    + zoneInsight.id() + "/classification \\");
            out.println(
                    "    -H 'Content-Type: application/json' -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\");
            out.println("    -d '{\"classification\": \"false_positive\"}'");
            out.println();
        }
    }

    private Demo() {}

    /** Upserts the demo insights (classifications already made are kept) and rotates the demo token. */
    static Seeded seed(Backend backend) {
        List<Insight> insights = insights();
        backend.insights().importInsights(insights);
        backend.directory().name(new Scope.Account(ACCOUNT_ID), ACCOUNT_NAME);
        backend.directory().name(new Scope.Zone(ZONE_ID), ZONE_NAME);
        String secret = Secrets.newToken();
        backend.credentials()
                .save(new ApiToken(
                        TOKEN_ID,
                        "demo",
                        Secrets.hash(secret),
                        Permission.EDIT,
                        Set.of(ACCOUNT_ID),
                        Set.of(),
                        Instant.now(),
                        null));
        return new Seeded(secret, insights);
    }

    static List<Insight> insights() {
        Random random = new Random(20261125L);
        Instant base = Instant.parse("2026-11-01T00:00:00Z");
        List<Insight> insights = new ArrayList<>(INSIGHTS);
        for (int n = 0; n < INSIGHTS; n++) {
            boolean zoneLevel = n % 10 < 7;
            Kind kind = zoneLevel
                    ? ZONE_KINDS.get(random.nextInt(ZONE_KINDS.size()))
                    : ACCOUNT_KINDS.get(random.nextInt(ACCOUNT_KINDS.size()));
            String subject =
                    zoneLevel ? HOSTS.get(random.nextInt(HOSTS.size())) : MEMBERS.get(random.nextInt(MEMBERS.size()));
            Instant since = base.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)));
            Instant seen = since.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 4)));
            String payload = zoneLevel
                    ? "{\"detection_method\":\"configuration_scan\",\"zone_tag\":\"" + ZONE_ID + "\"}"
                    : "{\"detection_method\":\"account_scan\"}";
            insights.add(Insight.builder()
                    .id(new UUID(random.nextLong(), random.nextLong()).toString())
                    .accountId(ACCOUNT_ID)
                    .zoneId(zoneLevel ? ZONE_ID : null)
                    .issueClass(kind.issueClass())
                    .issueType(kind.type())
                    .severity(kind.severity())
                    .subject(subject)
                    .status(random.nextInt(10) == 0 ? InsightStatus.RESOLVED : InsightStatus.ACTIVE)
                    .payloadJson(payload)
                    .contextJson(
                            kind.type() == IssueType.EXPOSED_INFRASTRUCTURE
                                    ? "{\"open_ports\":[22,3306],\"first_scan\":\"" + since + "\"}"
                                    : null)
                    .product(kind.product())
                    .resolveLink("https://dash.cloudflare.com/?to=/:account/security-center")
                    .resolveText(kind.fix())
                    .since(since)
                    .timestamp(seen)
                    .build());
        }
        return insights;
    }
}
