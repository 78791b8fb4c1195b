package io.vigil.logging;

import org.jspecify.annotations.Nullable;

/**
 * The formats of {@code VIGIL_LOG_FORMAT}, each the name of an appender in {@code logback.xml}: logback silently
 * logs nothing through an appender that does not exist, so {@code Main} checks the value first.
 */
public enum LogFormat {
    /** One readable line per event (the default). */
    TEXT,
    /** One JSON object per line ({@link JsonLineEncoder}). */
    JSON;

    /** The environment variable that chooses the format. */
    public static final String VARIABLE = "VIGIL_LOG_FORMAT";

    /** What is wrong with {@code value} as a {@link #VARIABLE}, or {@code null} if it names a format. */
    public static @Nullable String problem(@Nullable String value) {
        if (value == null || value.equals("text") || value.equals("json")) {
            return null;
        }
        return VARIABLE + " must be 'text' or 'json', not '" + value + "'";
    }
}
