package io.vigil.testing;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import java.time.Instant;

/** Builders of test insights. */
public final class Insights {
    public static final String ACCOUNT = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
    public static final String OTHER_ACCOUNT = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
    public static final String ZONE = "cccccccccccccccccccccccccccccc01";
    public static final String SIBLING_ZONE = "cccccccccccccccccccccccccccccc02";
    public static final String OTHER_ACCOUNT_ZONE = "dddddddddddddddddddddddddddddd01";

    private Insights() {}

    /** An account-level insight. */
    public static Insight inAccount(String id, String accountId) {
        return insight(id, accountId, null);
    }

    /** A zone-level insight. */
    public static Insight inZone(String id, String accountId, String zoneId) {
        return insight(id, accountId, zoneId);
    }

    /** {@code insight}, dismissed or not. */
    public static Insight withDismissed(Insight i, boolean dismissed) {
        return copy(i, i.status(), dismissed);
    }

    /** {@code insight} with another scanner status. */
    public static Insight withStatus(Insight i, InsightStatus status) {
        return copy(i, status, i.dismissed());
    }

    private static Insight copy(Insight i, InsightStatus status, boolean dismissed) {
        return new Insight(
                i.id(),
                i.accountId(),
                i.zoneId(),
                i.issueClass(),
                i.issueType(),
                i.severity(),
                i.subject(),
                status,
                dismissed,
                i.payloadJson(),
                i.contextJson(),
                i.product(),
                i.resolveLink(),
                i.resolveText(),
                i.since(),
                i.timestamp(),
                i.userClassification());
    }

    private static Insight insight(String id, String accountId, String zoneId) {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        return new Insight(
                id,
                accountId,
                zoneId,
                "always_use_https_disabled",
                IssueType.INSECURE_CONFIGURATION,
                Severity.MODERATE,
                "example.com",
                InsightStatus.ACTIVE,
                false,
                "{\"detection_method\":\"test\"}",
                null,
                "ssl",
                "https://example.com/fix",
                "Turn it on",
                t,
                t,
                null);
    }
}
