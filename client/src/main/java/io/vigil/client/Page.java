package io.vigil.client;

import java.util.List;

/** One page of a list answer: its items and its {@code result_info}. */
public record Page<T>(List<T> items, ResultInfo info) {
    /** Copies {@code items}. */
    public Page {
        items = List.copyOf(items);
    }
}
