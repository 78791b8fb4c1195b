package io.vigil.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * When a failed attempt is tried again, and after how long: the rules of Cloudflare's official SDKs
 * (cloudflare-typescript's {@code shouldRetry}, {@code retryRequest}, {@code calculateDefaultRetryTimeoutMillis}),
 * with cloudflare-python's bound on a wait the server asks for: the TypeScript SDK (7.3.0) sleeps whatever
 * {@code Retry-After} says, which may hold a caller's thread for the rest of a five-minute rate-limit window; here a
 * longer wait falls back to the backoff, and a caller who wants to wait it out gets {@link
 * RateLimitedException#retryAfter()} once the retries are spent. Whether a request may be repeated at all is {@link
 * Call#repeatable()}'s; these rules apply only to those.
 */
final class Retries {
    /** As the SDKs: two retries, three attempts in all. */
    static final int DEFAULT_MAX_RETRIES = 2;

    /** A wait the server asks for is honoured only below this; a longer one falls back to the backoff. */
    static final Duration LONGEST_HONOURED_WAIT = Duration.ofSeconds(60);

    private static final double FIRST_BACKOFF_SECONDS = 0.5;
    private static final double LONGEST_BACKOFF_SECONDS = 8.0;

    private Retries() {}

    /**
     * Whether an error answer is worth another attempt: {@code x-should-retry} when the server says, else 408
     * (timeout), 409 (Cloudflare's lock timeouts; Vigil marks its final 409s {@code x-should-retry: false}), 429 and
     * every 5xx.
     */
    static boolean shouldRetry(int status, HttpHeaders headers) {
        Optional<String> advice = headers.firstValue("x-should-retry");
        if (advice.isPresent() && advice.get().equals("true")) {
            return true;
        }
        if (advice.isPresent() && advice.get().equals("false")) {
            return false;
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * The wait the server asked for: {@code retry-after-ms} (milliseconds), else {@code Retry-After} (seconds, or an
     * HTTP date); {@code null} when it asked for none or said something unreadable.
     */
    static @Nullable Duration asked(HttpHeaders headers, Instant now) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Duration.ofNanos((long) (Double.parseDouble(millis.get().trim()) * 1_000_000));
            } catch (NumberFormatException e) {
                // unreadable: read Retry-After instead
            }
        }
        Optional<String> header = headers.firstValue("retry-after");
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().trim();
        try {
            return Duration.ofNanos((long) (Double.parseDouble(value) * 1_000_000_000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Duration.between(now, at);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /**
     * How long to wait before retry number {@code retriesDone + 1}: what the server asked when it is from 0 to under
     * a minute, else an exponential backoff (0.5 s, 1 s, 2 s, … at most 8 s), each less up to a quarter at random.
     */
    static Duration delay(@Nullable Duration asked, int retriesDone, DoubleSupplier random) {
        if (asked != null && !asked.isNegative() && asked.compareTo(LONGEST_HONOURED_WAIT) < 0) {
            return asked;
        }
        double seconds = Math.min(FIRST_BACKOFF_SECONDS * Math.pow(2, retriesDone), LONGEST_BACKOFF_SECONDS);
        double jitter = 1 - random.getAsDouble() * 0.25;
        return Duration.ofNanos((long) (seconds * jitter * 1_000_000_000));
    }
}
