package io.vigil.insight;

/** The fields insights can be counted by ({@code /class}, {@code /severity}, {@code /type}). */
public enum CountField {
    ISSUE_CLASS,
    SEVERITY,
    ISSUE_TYPE
}
