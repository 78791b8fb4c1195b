package io.vigil.client;

/** How many insights have one value of the counted field ({@code issue_class}, {@code severity}, {@code issue_type}). */
public record ValueCount(String value, long count) {}
