package io.vigil.http;

import io.vigil.error.ErrorCode;
import java.time.Duration;

/**
 * What test mode makes the server do to a request of one route instead of (or before) answering it normally: the
 * failures a client of Cloudflare's API must survive. Only a server started in test mode has {@link Faults} to hold
 * them; {@code vigil serve} never does.
 */
public sealed interface Fault {
    /** The request waits {@code delay}, then is answered normally (a fault that answers too comes after it). */
    record Latency(Duration delay) implements Fault {
        public Latency {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative: " + delay);
            }
        }
    }

    /**
     * A 429 in the rate limiter's envelope (code 971) with {@code Retry-After}, in whole seconds rounded up, as
     * Cloudflare and Vigil's own limiter send it.
     */
    record RateLimited(Duration retryAfter) implements Fault {
        public RateLimited {
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retry-after must not be negative: " + retryAfter);
            }
        }

        long retryAfterSeconds() {
            return -Math.floorDiv(-retryAfter.toMillis(), 1000);
        }
    }

    /**
     * A 5xx in the error envelope: 500 as an unexpected failure answers, 503 as an unavailable database does
     * ({@code Retry-After: 1}). Vigil answers no other 5xx, so no other may be asked for.
     */
    record ServerError(int status) implements Fault {
        public ServerError {
            if (status != 500 && status != 503) {
                throw new IllegalArgumentException(
                        "a server error must be 500 or 503 (the ones Vigil answers): " + status);
            }
        }

        ErrorCode code() {
            return status == 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.STORE_UNAVAILABLE;
        }
    }

    /** The server closes the TCP connection without sending a byte of a response. */
    record DropConnection() implements Fault {}
}
