package io.vigil.insight;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A valid bulk classification: the same change for each of up to {@link #MAX_IDS} insights, applied all or
 * nothing, or previewed.
 *
 * @param ids the insights, each once
 * @param change what to do to each, with the same rules as one at a time
 * @param dryRun answer what would happen, and change nothing
 */
public record BulkRequest(List<String> ids, ClassificationRequest change, boolean dryRun) {
    /** The most insights one bulk names. */
    public static final int MAX_IDS = 1_000;

    public BulkRequest {
        ids = List.copyOf(ids);
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
