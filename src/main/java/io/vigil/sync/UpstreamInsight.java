package io.vigil.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.insight.Classification;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An insight as an upstream list answers it ({@code result.issues[]}), read into Vigil's {@link Insight} for the
 * account or zone it was listed under. Fields Vigil does not keep are ignored (the API may add some); a missing or
 * unknown required value refuses that insight with a message naming the field.
 */
final class UpstreamInsight {
    private UpstreamInsight() {}

    /**
     * @param context the extended context, fetched apart; {@code null} when the insight has none
     * @throws IllegalArgumentException naming the field, if the object is not an insight Vigil can hold
     */
    static Insight read(JsonNode issue, String accountId, @Nullable String zoneId, @Nullable String context) {
        String id = text(issue, "id");
        if (id == null || !Insight.isValidId(id)) {
            throw new IllegalArgumentException("id '" + id + "' is not an insight id Vigil can hold");
        }
        return Insight.builder()
                .id(id)
                .accountId(accountId)
                .zoneId(zoneId)
                .issueClass(required(issue, "issue_class"))
                .issueType(known(issue, "issue_type", IssueType::fromWireName))
                .severity(known(issue, "severity", Severity::parse))
                .subject(required(issue, "subject"))
                .status(
                        text(issue, "status") == null
                                ? InsightStatus.ACTIVE
                                : known(issue, "status", InsightStatus::fromWireName))
                .dismissed(issue.path("dismissed").asBoolean(false))
                .payloadJson(
                        issue.path("payload").isObject() ? issue.path("payload").toString() : "{}")
                .contextJson(context)
                .product(text(issue, "product"))
                .resolveLink(Optional.ofNullable(text(issue, "resolve_link")).orElse(""))
                .resolveText(Optional.ofNullable(text(issue, "resolve_text")).orElse(""))
                .since(instant(issue, "since"))
                .timestamp(instant(issue, "timestamp"))
                .userClassification(classification(issue))
                .build();
    }

    /** Whether upstream says the insight has an extended context to fetch. */
    static boolean hasContext(JsonNode issue) {
        return issue.path("has_extended_context").asBoolean(false);
    }

    private static @Nullable String text(JsonNode issue, String field) {
        JsonNode value = issue.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    private static String required(JsonNode issue, String field) {
        String value = text(issue, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static <T> T known(JsonNode issue, String field, Function<String, Optional<T>> parse) {
        String value = required(issue, field);
        return parse.apply(value)
                .orElseThrow(() -> new IllegalArgumentException(field + " '" + value + "' is not one Vigil knows"));
    }

    private static Instant instant(JsonNode issue, String field) {
        String value = required(issue, field);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not an RFC 3339 time");
        }
    }

    private static @Nullable Classification classification(JsonNode issue) {
        String value = text(issue, "user_classification");
        return value == null ? null : known(issue, "user_classification", Classification::fromWireName);
    }
}
