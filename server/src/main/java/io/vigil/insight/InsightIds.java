package io.vigil.insight;

import java.util.List;

/**
 * The insights a filter chooses, by id, in the list's order: what a bulk by filter changes.
 *
 * @param ids the first ones of the list, none if more than asked for pass the filter
 * @param totalCount how many insights pass the filter
 */
public record InsightIds(List<String> ids, long totalCount) {
    public InsightIds {
        ids = List.copyOf(ids);
    }
}
