package io.vigil.http;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code GET /readyz} answers: 200 while {@code ready} holds (the database answers), with {@code detail}'s
 * lines (the last scheduled sync, …) as members of the answer beside {@code "status": "ok"}.
 */
public record Readiness(BooleanSupplier ready, Supplier<Map<String, String>> detail) {
    /** Ready while {@code ready} holds, with nothing more to say. */
    public static Readiness of(BooleanSupplier ready) {
        return new Readiness(ready, Map::of);
    }
}
