package io.vigil.seal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code vigil audit verify} found: how much it checked, and every break in log order (the first is the
 * one to investigate; later ones may follow from it).
 */
public record Verification(long entries, long seals, long unsealed, long insights, List<Break> breaks) {

    public Verification {
        breaks = List.copyOf(breaks);
    }

    /**
     * One place where the log is not what was sealed.
     *
     * @param position the position it concerns, 0 when it concerns no one position (an insight's state)
     * @param entryId the entry there, if there is one
     */
    public record Break(long position, @Nullable String entryId, String message) {}

    public boolean clean() {
        return breaks.isEmpty();
    }
}
