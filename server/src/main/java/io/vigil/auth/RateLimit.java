package io.vigil.auth;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-credential request budget: at most {@code requests} per {@code window}, as Cloudflare's
 * "1,200 requests per five minutes per user". {@link #OFF} (no limit) is the default for local use.
 */
public record RateLimit(int requests, Duration window) {
    /** No limit at all. */
    public static final RateLimit OFF = new RateLimit(Integer.MAX_VALUE, Duration.ofSeconds(1));

    /** Cloudflare's global API limit. */
    public static final RateLimit CLOUDFLARE = new RateLimit(1200, Duration.ofMinutes(5));

    private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(\\d{1,6})(s|m|h)");

    public RateLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request, not " + requests);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit window must be positive, not " + window);
        }
    }

    public boolean enabled() {
        return requests != Integer.MAX_VALUE;
    }

    /**
     * Parses {@code off}, {@code cloudflare} (1200/5m) or {@code N/<number><s|m|h>}, e.g. {@code 1200/5m}.
     *
     * @throws IllegalArgumentException with a message for the user if {@code spec} is none of these
     */
    public static RateLimit parse(String spec) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("off")) {
            return OFF;
        }
        if (s.equals("cloudflare")) {
            return CLOUDFLARE;
        }
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "expected off, cloudflare or REQUESTS/WINDOW such as 1200/5m, 100/30s;" + " got '" + spec + "'");
        }
        long amount = Long.parseLong(m.group(2));
        Duration window = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return new RateLimit(Integer.parseInt(m.group(1)), window);
    }

    @Override
    public String toString() {
        return enabled() ? requests + "/" + window.toSeconds() + "s" : "off";
    }
}
