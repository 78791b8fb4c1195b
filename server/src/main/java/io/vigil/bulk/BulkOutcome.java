package io.vigil.bulk;

import io.vigil.error.ApiException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a bulk classification did, or would do, to each insight it names, in the order it names them.
 *
 * @param bulkId the id every change-log entry of an applied bulk shares; {@code null} for a dry run, or when
 *     nothing was applied
 * @param applied whether the changes were committed (all of them, in one transaction)
 * @param statesToken a digest of the states the decisions were taken on: a dry run's answers it, and an apply
 *     carrying it ({@code if_unchanged_since}) is refused if any of those insights changed since
 */
public record BulkOutcome(@Nullable UUID bulkId, boolean applied, List<Item> items, String statesToken) {
    /** What happens to one insight. */
    public enum Kind {
        /** Its classification or expiry changes. */
        CHANGE,
        /** It already is as asked: nothing to record. */
        UNCHANGED,
        /** The rules refuse it (not found in the scope, a direct change, an expiry out of policy). */
        REFUSED
    }

    /**
     * What the store decided: each insight's outcome, the token of the states decided on, and whether those
     * states were still the ones a precondition expected (when not, nothing was applied).
     */
    public record Decided(List<Item> items, String statesToken, boolean preconditionHeld) {
        public Decided {
            items = List.copyOf(items);
        }
    }

    /** One insight's outcome; {@code refusal} says why when refused. */
    public record Item(String issueId, Kind kind, @Nullable ApiException refusal) {}

    public BulkOutcome {
        items = List.copyOf(items);
    }

    /** How many items are of {@code kind}. */
    public long count(Kind kind) {
        return items.stream().filter(item -> item.kind() == kind).count();
    }
}
