package io.vigil.cli;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One copy of each value that repeats across the lines of an import (accounts, zones, classes, subjects,
 * products, resolve texts), so a parsed line holds half the memory: an import keeps a transaction's worth of
 * lines alive (50,000 in a bulk load), and the collector copies them, stopping the writer meanwhile. Bounded:
 * forgets everything once it holds {@link #MAX} values. Not thread-safe: one per parsing thread.
 */
final class SharedStrings {
    static final int MAX = 4_096;

    private final Map<String, String> values = new HashMap<>();

    /** The first equal string seen, or {@code value} itself. */
    String of(String value) {
        String shared = values.putIfAbsent(value, value);
        if (shared != null) {
            return shared;
        }
        if (values.size() > MAX) {
            values.clear();
        }
        return value;
    }

    /** {@link #of}, or null for null. */
    @Nullable
    String ofNullable(@Nullable String value) {
        return value == null ? null : of(value);
    }
}
