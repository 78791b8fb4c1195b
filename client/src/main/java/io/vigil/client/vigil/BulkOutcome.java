package io.vigil.client.vigil;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.client.ApiError;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a bulk change did, or (a dry run) would do, to each insight.
 *
 * @param bulkId the id every change-log entry of this bulk carries; {@code null} for a dry run
 * @param applied whether every change was committed (in one transaction)
 * @param statesToken a digest of the states decided on: pass it as {@code ifUnchangedSince} to apply exactly this
 */
public record BulkOutcome(
        @Nullable String bulkId, boolean applied, Totals totals, List<Item> items, String statesToken) {
    /** Copies {@code items}. */
    public BulkOutcome {
        items = List.copyOf(items);
    }

    /** How many insights change, are already as asked, and would be refused. */
    public record Totals(int change, int unchanged, int refused) {}

    /**
     * One insight's outcome.
     *
     * @param error why it is refused: the code and message the single operation would answer
     */
    public record Item(String id, Outcome outcome, @Nullable ApiError error) {}

    /** What happens to one insight. */
    public enum Outcome {
        @JsonProperty("change")
        CHANGE,
        @JsonProperty("unchanged")
        UNCHANGED,
        @JsonProperty("refused")
        REFUSED,
        /** A value this client does not know (a newer server's). */
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
