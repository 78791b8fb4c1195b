package io.vigil.insight;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The operator's rules for expiring classifications: how far ahead any expiry may lie ({@code --max-expiry}),
 * and which classifications must carry one, at most how far ahead ({@code --require-expiry
 * accept_risk=90d}). Immutable.
 *
 * @param horizon the furthest ahead an expiry may be set
 * @param required for each classification that must expire, the furthest ahead its expiry may be set
 */
public record ExpiryPolicy(Duration horizon, Map<Classification, Duration> required) {
    /** The default horizon: a decision is revisited at least every two years if it expires at all. */
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(730);

    /** No classification must expire; an expiry may be set up to {@link #DEFAULT_HORIZON} ahead. */
    public static final ExpiryPolicy NONE = new ExpiryPolicy(DEFAULT_HORIZON, Map.of());

    public ExpiryPolicy {
        Objects.requireNonNull(horizon, "horizon == null");
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("the horizon must be positive: " + horizon);
        }
        for (Map.Entry<Classification, Duration> rule : required.entrySet()) {
            if (rule.getValue().isNegative() || rule.getValue().isZero()) {
                throw new IllegalArgumentException(
                        "the expiry required for " + rule.getKey().wireName() + " must be positive");
            }
        }
        required = required.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(required));
    }

    /** This policy, also requiring {@code classification} to expire at most {@code within} ahead. */
    public ExpiryPolicy requiring(Classification classification, Duration within) {
        Map<Classification, Duration> rules = new EnumMap<>(Classification.class);
        rules.putAll(required);
        rules.put(classification, within);
        return new ExpiryPolicy(horizon, rules);
    }

    /**
     * Checks the expiry a change sets: {@code expiresOn} for a classification newly set to {@code to} (or kept
     * at {@code to} with a new expiry), at {@code now}.
     *
     * @throws InvalidRequestException if the expiry is in the past or too far ahead, or missing where required
     */
    void check(Classification to, @Nullable Instant expiresOn, Instant now) {
        Duration within = required.get(to);
        if (expiresOn == null) {
            if (within != null) {
                throw new InvalidRequestException(
                        ErrorCode.EXPIRY_REQUIRED,
                        "this server requires '" + to.wireName() + "' to expire within " + days(within)
                                + " (policy --require-expiry " + to.wireName() + "=" + days(within)
                                + "): send expires_on",
                        "/expires_on");
            }
            return;
        }
        if (!expiresOn.isAfter(now)) {
            throw new InvalidRequestException(
                    ErrorCode.EXPIRY_OUT_OF_RANGE,
                    "expires_on must be in the future; " + expiresOn + " is not after " + now,
                    "/expires_on");
        }
        Duration limit = within != null && within.compareTo(horizon) < 0 ? within : horizon;
        if (expiresOn.isAfter(now.plus(limit))) {
            String rule = within != null && within.compareTo(horizon) < 0
                    ? "policy --require-expiry " + to.wireName() + "=" + days(within)
                    : "--max-expiry";
            throw new InvalidRequestException(
                    ErrorCode.EXPIRY_OUT_OF_RANGE,
                    "expires_on may be at most " + days(limit) + " ahead (" + rule + "); " + expiresOn
                            + " is later than " + now.plus(limit),
                    "/expires_on");
        }
    }

    /** {@code 90d} for whole days, as the options spell them; else ISO 8601 ({@code PT36H}). */
    static String days(Duration d) {
        long days = d.toDays();
        return Duration.ofDays(days).equals(d) ? days + "d" : d.toString();
    }
}
