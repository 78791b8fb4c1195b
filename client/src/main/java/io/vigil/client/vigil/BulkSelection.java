package io.vigil.client.vigil;

import io.vigil.client.InsightQuery;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which insights a bulk change takes: named by id, or chosen by a filter (the list's query string). Exactly one.
 *
 * @param ids 1 to 1,000 distinct insight ids; empty when {@code filter} chooses
 * @param filter the list's filters as a query string ({@code severity=critical&issue_type=…}); at most 1,000 may
 *     match
 */
public record BulkSelection(List<String> ids, @Nullable String filter) {
    /** Copies {@code ids}; refuses neither or both. */
    public BulkSelection {
        ids = List.copyOf(ids);
        if (ids.isEmpty() == (filter == null)) {
            throw new IllegalArgumentException("a bulk selection takes ids or a filter, exactly one");
        }
    }

    /** These insights. */
    public static BulkSelection ids(String... ids) {
        return new BulkSelection(Arrays.asList(ids), null);
    }

    /** These insights. */
    public static BulkSelection ids(List<String> ids) {
        return new BulkSelection(ids, null);
    }

    /** The insights the list would show for {@code query}'s filters when the request arrives. */
    public static BulkSelection matching(InsightQuery query) {
        return new BulkSelection(List.of(), query.filterString());
    }
}
