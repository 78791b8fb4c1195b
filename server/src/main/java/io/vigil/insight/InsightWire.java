package io.vigil.insight;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The insight's wire shape, once: which field of Cloudflare's insight object fills which component, in the order
 * they are read (so the first bad field is the one reported). The import and the sync both read it; each says
 * through its {@link Fields} how strict it is and what its messages say.
 */
public final class InsightWire {
    /** How one reader reads the fields of one insight object, each by its wire name. */
    public interface Fields {
        /** The text of {@code field}; refused when absent or blank. */
        String required(String field);

        /** The text of {@code field}, or {@code null} when absent. */
        @Nullable
        String optional(String field);

        /** The constant {@code field} names; refused when absent or unknown. */
        <T> T known(String field, Function<String, Optional<T>> parse);

        /** The boolean {@code field}; false when absent. */
        boolean flag(String field);

        /** The JSON object {@code field} as text, or {@code null} when absent. */
        @Nullable
        String object(String field);

        /** The time {@code field}. */
        Instant time(String field);

        /** The classification {@code field}, or {@code null} for none. */
        @Nullable
        Classification classification(String field);

        /** The extended context as JSON text, or {@code null} when the insight has none. */
        @Nullable
        String context();

        /** {@code value}, or an equal string already held: a reader of many insights shares repeated values. */
        default String shared(String value) {
            return value;
        }

        /** {@link #shared} for a value that may be absent. */
        default @Nullable String sharedNullable(@Nullable String value) {
            return value == null ? null : shared(value);
        }
    }

    private InsightWire() {}

    /**
     * A builder holding every field of the object but the id, the account and the zone, which the reader knows
     * from where it found the insight.
     */
    public static Insight.Builder read(Fields f) {
        Insight.Builder insight = Insight.builder()
                .issueClass(f.shared(f.required("issue_class")))
                .issueType(f.known("issue_type", IssueType::fromWireName))
                .severity(f.known("severity", Severity::parse))
                .subject(f.shared(f.required("subject")))
                .status(
                        f.optional("status") == null
                                ? InsightStatus.ACTIVE
                                : f.known("status", InsightStatus::fromWireName))
                .dismissed(f.flag("dismissed"));
        String payload = f.object("payload");
        return insight.payloadJson(payload == null ? "{}" : payload)
                .contextJson(f.context())
                .product(f.sharedNullable(f.optional("product")))
                .resolveLink(f.shared(orEmpty(f.optional("resolve_link"))))
                .resolveText(f.shared(orEmpty(f.optional("resolve_text"))))
                .since(f.time("since"))
                .timestamp(f.time("timestamp"))
                .userClassification(f.classification("user_classification"));
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
