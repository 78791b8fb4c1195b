package io.vigil.junit;

import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One insight to seed, every field with a default: an active, moderate, unclassified {@code insecure_configuration}
 * of {@code example.com} in the test's account, first and last seen at {@link #SEEN}. Each setter returns this seed.
 */
public final class InsightSeed {
    /** When a seeded insight was first and last seen unless told otherwise. */
    public static final Instant SEEN = Instant.parse("2026-01-01T00:00:00Z");

    private final Insight.Builder insight;
    private String accountId;
    private @Nullable Classification classification;
    private @Nullable String rationale;
    private boolean dismissed;

    InsightSeed(String id, String accountId) {
        this.accountId = accountId;
        this.insight = Insight.builder()
                .id(id)
                .issueClass("always_use_https_disabled")
                .issueType(IssueType.INSECURE_CONFIGURATION)
                .severity(Severity.MODERATE)
                .subject("example.com")
                .status(InsightStatus.ACTIVE)
                .payloadJson("{\"detection_method\":\"vigil-junit\"}")
                .product("ssl")
                .resolveLink("https://example.com/fix")
                .resolveText("Fix it")
                .since(SEEN)
                .timestamp(SEEN);
    }

    /** Another account than the test's (its tokens cannot see it). */
    public InsightSeed account(String id) {
        this.accountId = id;
        return this;
    }

    /** A zone-level insight of this zone (of the insight's account); account-level if never called. */
    public InsightSeed zone(String zoneId) {
        insight.zoneId(zoneId);
        return this;
    }

    /** Its severity (default: moderate). */
    public InsightSeed severity(Severity severity) {
        insight.severity(severity);
        return this;
    }

    /** Its issue type (default: insecure configuration). */
    public InsightSeed type(IssueType type) {
        insight.issueType(type);
        return this;
    }

    /** The issue class, e.g. {@code always_use_https_disabled}. */
    public InsightSeed issueClass(String issueClass) {
        insight.issueClass(issueClass);
        return this;
    }

    /** The scanner's status: active or resolved. */
    public InsightSeed status(InsightStatus status) {
        insight.status(status);
        return this;
    }

    /** What it is about, a host name or a record (default: {@code example.com}). */
    public InsightSeed subject(String subject) {
        insight.subject(subject);
        return this;
    }

    /** The product it belongs to (default: {@code ssl}); {@code null} for none. */
    public InsightSeed product(@Nullable String product) {
        insight.product(product);
        return this;
    }

    /** The {@code payload} object, as JSON text. */
    public InsightSeed payload(String json) {
        insight.payloadJson(json);
        return this;
    }

    /** When the insight was last seen (lists sort by it, newest first). */
    public InsightSeed lastSeen(Instant at) {
        insight.timestamp(at);
        return this;
    }

    /**
     * Classified as a user classifies it, with {@code rationale} ({@code accept_risk} and {@code other} need one):
     * through the same rules as a PATCH, by the actor {@code seed}.
     */
    public InsightSeed classification(Classification value, @Nullable String rationale) {
        this.classification = Objects.requireNonNull(value, "classification == null");
        this.rationale = rationale;
        return this;
    }

    /** Dismissed, as a {@code PUT …/dismiss} would, by the actor {@code seed}. */
    public InsightSeed dismissed() {
        this.dismissed = true;
        return this;
    }

    String accountId() {
        return accountId;
    }

    @Nullable
    Classification classification() {
        return classification;
    }

    @Nullable
    String rationale() {
        return rationale;
    }

    boolean isDismissed() {
        return dismissed;
    }

    Insight build() {
        return insight.accountId(accountId).build();
    }
}
