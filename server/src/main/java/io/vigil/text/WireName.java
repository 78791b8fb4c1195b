package io.vigil.text;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An enum constant as the API, the database and the change log spell it: its name in lower case
 * ({@code ACCEPT_RISK} is {@code accept_risk}). The golden files and the schema pin every spelling, so a
 * renamed constant fails the build's tests rather than the wire.
 */
public interface WireName {
    /** The constant's name ({@link Enum#name}). */
    String name();

    /** The value as the API spells it. */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} spelled {@code value}, if any (exact, case-sensitive). */
    static <E extends Enum<E> & WireName> Optional<E> parse(Class<E> type, @Nullable String value) {
        for (E constant : EnumSet.allOf(type)) {
            if (constant.wireName().equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
