package io.vigil.insight;

import io.vigil.text.WireName;
import java.util.Optional;

/**
 * A user's verdict on an insight. "Unclassified" is the absence of a value ({@code null} on the wire),
 * never a constant of this enum.
 *
 * <p>The allowed transitions (enforced by {@link Transition#decide}):
 *
 * <pre>
 *   unclassified ──set──▶ FALSE_POSITIVE | ACCEPT_RISK | OTHER
 *   any value    ──null─▶ unclassified            (reset)
 *   X            ──X────▶ X                       (idempotent, nothing recorded)
 *   X            ──Y────▶ refused: reset to null first
 * </pre>
 */
public enum Classification implements WireName {
    /** The finding is wrong: nothing to fix. A rationale is optional. */
    FALSE_POSITIVE(false),
    /** The finding is real and the risk is accepted; the rationale says why. */
    ACCEPT_RISK(true),
    /** Any other verdict; the rationale says what it is. */
    OTHER(true);

    private final boolean requiresRationale;

    Classification(boolean requiresRationale) {
        this.requiresRationale = requiresRationale;
    }

    /** Whether setting this value needs a non-blank rationale. */
    public boolean requiresRationale() {
        return requiresRationale;
    }

    /** The constant the API spells {@code wireName}, if any (exact, case-sensitive). */
    public static Optional<Classification> fromWireName(String wireName) {
        return WireName.parse(Classification.class, wireName);
    }
}
