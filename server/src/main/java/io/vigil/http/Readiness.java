package io.vigil.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What {@code GET /readyz} answers: 200 while {@code ready} holds (the database answers), with {@code detail}'s
 * lines (the last scheduled sync, …) as members of the answer beside {@code "status"}: {@code "ok"}, or
 * {@code "degraded"} with the reason as {@code "degraded"} while {@code degraded} has one (the server still
 * serves, but something it promises has stopped, e.g. sealing).
 */
public record Readiness(
        BooleanSupplier ready, Supplier<Optional<String>> degraded, Supplier<Map<String, String>> detail) {
    /** Ready while {@code ready} holds, with nothing more to say. */
    public static Readiness of(BooleanSupplier ready) {
        return new Readiness(ready, Optional::empty, Map::of);
    }

    /** The detail lines: the last scheduled sync, if any, and the background jobs failing (name: reason), if any. */
    public static Map<String, String> detail(Optional<String> lastSync, Map<String, String> failingJobs) {
        Map<String, String> detail = new LinkedHashMap<>();
        lastSync.ifPresent(last -> detail.put("last_sync", last));
        if (!failingJobs.isEmpty()) {
            detail.put(
                    "failing_jobs",
                    failingJobs.entrySet().stream()
                            .map(f -> f.getKey() + ": " + f.getValue())
                            .collect(Collectors.joining("; ")));
        }
        return detail;
    }
}
