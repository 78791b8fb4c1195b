package io.vigil.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The three ways the API pages a list, each as a {@link Paged.Source}. */
final class Pages {
    private Pages() {}

    /**
     * Insight lists ({@code result: {count, issues, page, per_page}}): the next page is {@code page + 1} while the
     * pages so far hold fewer than {@code result_info.total_count}. {@code call} makes the request for a page number.
     */
    static <T> Paged<T> byNumber(Http http, int firstPage, Function<Integer, Call> call, Class<T> type) {
        return new Paged<>(next -> {
            int page = next == null ? firstPage : Integer.parseInt(next);
            JsonNode envelope = http.send(call.apply(page));
            JsonNode result = envelope.path("result");
            List<T> items = Json.readList(result.path("issues"), type);
            ResultInfo info = info(envelope);
            long total = info.totalCount() != null
                    ? info.totalCount()
                    : result.path("count").asLong(0);
            int answeredPage = info.page() != null ? info.page() : page;
            int perPage = info.perPage() != null ? info.perPage() : items.size();
            boolean more = !items.isEmpty() && (long) answeredPage * perPage < total;
            return new Paged.Fetched<>(new Page<>(items, info), more ? String.valueOf(answeredPage + 1) : null);
        });
    }

    /** Audit logs ({@code result: [...]}): the next page is {@code result_info.cursor}'s, until there is none. */
    static <T> Paged<T> byCursor(Function<@Nullable String, JsonNode> fetch, Class<T> type) {
        return new Paged<>(cursor -> {
            JsonNode envelope = fetch.apply(cursor);
            List<T> items = Json.readList(envelope.path("result"), type);
            ResultInfo info = info(envelope);
            String next = info.cursor() == null || info.cursor().isEmpty() || items.isEmpty() ? null : info.cursor();
            return new Paged.Fetched<>(new Page<>(items, info), next);
        });
    }

    /** Vigil's seals ({@code result: [...]}): the next page starts at {@code result_info.next_from}, until none. */
    static <T> Paged<T> byNextFrom(Function<@Nullable String, JsonNode> fetch, Class<T> type) {
        return new Paged<>(from -> {
            JsonNode envelope = fetch.apply(from);
            List<T> items = Json.readList(envelope.path("result"), type);
            ResultInfo info = info(envelope);
            String next = info.nextFrom() == null || items.isEmpty() ? null : String.valueOf(info.nextFrom());
            return new Paged.Fetched<>(new Page<>(items, info), next);
        });
    }

    private static ResultInfo info(JsonNode envelope) {
        JsonNode info = envelope.path("result_info");
        return info.isObject() ? Json.read(info, ResultInfo.class) : ResultInfo.NONE;
    }
}
