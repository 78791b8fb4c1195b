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
        return i.toBuilder()
                .status(status)
                .dismissed(dismissed)
                .classificationExpiresOn(null)
                .build();
    }

    private static Insight insight(String id, String accountId, String zoneId) {
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        return Insight.builder()
                .id(id)
                .accountId(accountId)
                .zoneId(zoneId)
                .issueClass("always_use_https_disabled")
                .issueType(IssueType.INSECURE_CONFIGURATION)
                .severity(Severity.MODERATE)
                .subject("example.com")
                .status(InsightStatus.ACTIVE)
                .payloadJson("{\"detection_method\":\"test\"}")
                .product("ssl")
                .resolveLink("https://example.com/fix")
                .resolveText("Turn it on")
                .since(t)
                .timestamp(t)
                .build();
    }
}
