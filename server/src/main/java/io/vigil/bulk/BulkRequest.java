package io.vigil.bulk;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A valid bulk change: the same classification, reset, dismissal or restore for each of up to {@link #MAX_IDS} insights, named by id or
 * chosen by the list's filters, applied all or nothing, or previewed.
 *
 * @param ids the insights, each once; empty when {@code filter} chooses them
 * @param filter the list filters choosing the insights (at most {@link #MAX_IDS} may match); {@code null} when
 *     {@code ids} names them
 * @param change what to do to each, with the same rules as one at a time
 * @param dryRun answer what would happen, and change nothing
 * @param ifUnchangedSince a dry run's {@link BulkOutcome#statesToken}: refuse unless the insights are still as
 *     they were then; {@code null} for no precondition
 */
public record BulkRequest(
        List<String> ids,
        @Nullable InsightFilter filter,
        BulkChange change,
        boolean dryRun,
        @Nullable String ifUnchangedSince) {
    /** The most insights one bulk changes. */
    public static final int MAX_IDS = 1_000;

    /** A bulk classification naming its insights by id. */
    public BulkRequest(List<String> ids, ClassificationRequest change, boolean dryRun) {
        this(ids, null, new BulkChange.Classify(change), dryRun, null);
    }

    public BulkRequest {
        ids = List.copyOf(ids);
        if (filter != null && !ids.isEmpty()) {
            throw new InvalidRequestException(ErrorCode.INVALID_FIELD, "give ids or filter, not both", "/filter");
        }
        if (filter == null) {
            check(ids);
        }
    }

    private static void check(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_FIELD,
                    "ids must name 1 to " + MAX_IDS + " insights; it names " + ids.size(),
                    "/ids");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!Insight.isValidId(id)) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD, "ids[" + i + "] is not an insight id", "/ids/" + i);
            }
            if (!seen.add(id)) {
                throw new InvalidRequestException(
                        ErrorCode.INVALID_FIELD, "ids[" + i + "] repeats '" + id + "'", "/ids/" + i);
            }
        }
    }
}
