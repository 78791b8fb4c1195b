package io.vigil.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One insight, as the list routes answer it ({@code result.issues[]}).
 *
 * @param payload the detection's details ({@code detection_method}, {@code zone_tag}, more keys allowed)
 * @param product the product an insight belongs to, when the server says
 * @param userClassification {@code null} when unclassified
 * @param classificationExpiresOn Vigil's: when {@code userClassification} expires; {@code null} on Cloudflare and on
 *     decisions without an expiry
 */
public record Insight(
        String id,
        boolean dismissed,
        boolean hasExtendedContext,
        String issueClass,
        IssueType issueType,
        @Nullable JsonNode payload,
        @Nullable String product,
        @Nullable String resolveLink,
        @Nullable String resolveText,
        Severity severity,
        Instant since,
        InsightStatus status,
        String subject,
        Instant timestamp,
        @Nullable Classification userClassification,
        @Nullable Instant classificationExpiresOn) {}
