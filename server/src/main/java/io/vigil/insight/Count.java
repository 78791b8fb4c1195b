package io.vigil.insight;

/** How many insights have {@code value} in the counted field. */
public record Count(String value, long count) {}
