package io.vigil.client;

import org.jspecify.annotations.Nullable;

/**
 * The {@code result_info} of a list answer: page numbers for insight lists, a cursor for audit logs, {@code
 * next_from} for Vigil's seals. What a route does not send is {@code null}.
 *
 * @param count the number of items on this page
 * @param cursor where the next audit-log page starts; {@code null} or empty on the last
 * @param nextFrom Vigil's seals: the number the next page starts from; {@code null} on the last
 */
public record ResultInfo(
        @Nullable Integer page,
        @Nullable Integer perPage,
        @Nullable Integer count,
        @Nullable Long totalCount,
        @Nullable Integer totalPages,
        @Nullable String cursor,
        @Nullable Long nextFrom) {
    static final ResultInfo NONE = new ResultInfo(null, null, null, null, null, null, null);
}
