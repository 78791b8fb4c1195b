package io.vigil.webhook;

import org.jspecify.annotations.Nullable;

/** Signs one delivery: the {@code webhook-signature} header's value. Thread-safe. */
@FunctionalInterface
public interface Signer {
    /**
     * The signature (or signatures) of one attempt.
     *
     * @param id the delivery's {@code webhook-id}
     * @param timestamp the attempt's {@code webhook-timestamp}, seconds since the epoch
     */
    String sign(String id, long timestamp, byte[] body);

    /**
     * Signs with {@code current}, and with {@code previous} too while a rotation overlaps: Standard Webhooks
     * separates several {@code v1,} signatures with spaces, and a receiver accepts any one it can check.
     */
    static Signer of(Signature current, @Nullable Signature previous) {
        if (previous == null) {
            return current;
        }
        return (id, timestamp, body) -> current.sign(id, timestamp, body) + " " + previous.sign(id, timestamp, body);
    }
}
