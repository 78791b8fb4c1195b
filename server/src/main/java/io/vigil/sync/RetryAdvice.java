package io.vigil.sync;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an upstream's answer says about trying again: how long it asked to be left alone ({@code Retry-After}, or
 * an exhausted {@code Ratelimit} window), and whether a failure is worth retrying at all. When it says nothing,
 * {@link Upstream} waits by {@link io.vigil.job.Backoff}.
 */
final class RetryAdvice {
    /** The longest wait a server may ask for ({@code Retry-After}) that a run sits out rather than stopping. */
    static final Duration LONGEST_ASKED = Duration.ofMinutes(10);

    /** {@code "default";r=0;t=42}: the requests left in the window, and the seconds until it resets. */
    private static final Pattern RATELIMIT = Pattern.compile(";\\s*r=(\\d+)\\s*;\\s*t=(\\d+)");

    private RetryAdvice() {}

    /** {@code Retry-After} as seconds or an HTTP date, if the answer carries one. */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("retry-after").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
        }
        try {
            Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The seconds until the rate-limit window resets, if the answer says no request is left in it. */
    static OptionalLong exhaustedWindow(HttpHeaders headers) {
        Optional<String> value = headers.firstValue("ratelimit");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        Matcher m = RATELIMIT.matcher(value.get());
        if (!m.find() || Long.parseLong(m.group(1)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(m.group(2)));
    }

    /**
     * Whether a failed answer is worth retrying: what {@code x-should-retry} says when present, else 429, 408 and
     * the 5xx a server or proxy gives when busy or restarting.
     */
    static boolean retryable(int status, HttpHeaders headers) {
        Optional<String> said = headers.firstValue("x-should-retry");
        if (said.isPresent()) {
            return said.get().trim().equalsIgnoreCase("true");
        }
        return status == 429 || status == 408 || status == 500 || status == 502 || status == 503 || status == 504;
    }
}
