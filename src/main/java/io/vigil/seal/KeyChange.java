package io.vigil.seal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of the change log's signing key: from the seal after {@code afterSeal} on, {@code to} signs instead
 * of the key {@code fromKeyId}. Both keys sign the same lines, so a verifier who trusts either trusts the other:
 * the old key hands over to the new one, and the new one names the key it replaces.
 *
 * <pre>
 * vigil change log key change
 * change 1
 * from 1a2b3c4d5e6f7a8b
 * to 9f86d081884c7d65
 * key MCowBQYDK2VwAyEA…
 * after 42 9f86d081884c7d65…
 * time 2026-12-07T09:00:00.123Z
 * </pre>
 *
 * {@code key} is the base64 of the new public key's DER {@code SubjectPublicKeyInfo}; {@code after} is the number
 * and hash of the newest seal when the key changed (0 and 32 zero bytes before the first seal).
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content
public record KeyChange(
        long number,
        String fromKeyId,
        VerifyingKey to,
        long afterSeal,
        byte[] afterHash,
        Instant time,
        byte[] fromSignature,
        byte[] toSignature) {
    private static final String TITLE = "vigil change log key change";

    public KeyChange {
        Objects.requireNonNull(fromKeyId, "fromKeyId == null");
        Objects.requireNonNull(to, "to == null");
        Objects.requireNonNull(time, "time == null");
        if (number < 1 || afterSeal < 0) {
            throw new IllegalArgumentException("key change " + number + " after seal " + afterSeal);
        }
        afterHash = afterHash.clone();
        fromSignature = fromSignature.clone();
        toSignature = toSignature.clone();
    }

    /**
     * Change {@code number} from {@code from} to {@code to}, after {@code head} (the newest seal, null if there is
     * none), signed by both.
     */
    public static KeyChange create(long number, SigningKey from, SigningKey to, @Nullable Seal head, Instant at) {
        Instant time = at.truncatedTo(ChronoUnit.MILLIS); // as stored
        long afterSeal = head == null ? 0 : head.number();
        byte[] afterHash = head == null ? Seal.genesis() : head.hash();
        byte[] body = body(number, from.verifyingKey().id(), to.verifyingKey(), afterSeal, afterHash, time);
        return new KeyChange(
                number,
                from.verifyingKey().id(),
                to.verifyingKey(),
                afterSeal,
                afterHash,
                time,
                from.sign(body),
                to.sign(body));
    }

    private static byte[] body(
            long number, String fromKeyId, VerifyingKey to, long afterSeal, byte[] afterHash, Instant time) {
        String key = Base64.getEncoder().encodeToString(to.publicKey().getEncoded());
        return (TITLE + "\nchange " + number + "\nfrom " + fromKeyId + "\nto " + to.id() + "\nkey " + key + "\nafter "
                        + afterSeal + " " + Hashes.hex(afterHash) + "\ntime " + time + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The lines both keys sign. */
    public byte[] body() {
        return body(number, fromKeyId, to, afterSeal, afterHash, time);
    }

    /** The id of the key that signs from this change on. */
    public String toKeyId() {
        return to.id();
    }

    /**
     * Why this change does not hand over from {@code from}, or null if it does: {@code from} is the key it names
     * and signed it, and the new key signed it too.
     */
    @Nullable
    String problem(VerifyingKey from) {
        String which = "key change " + number + " (" + fromKeyId + " → " + to.id() + ")";
        if (!from.id().equals(fromKeyId)) {
            return which + " does not replace " + from.id() + ", the key that signed before it";
        }
        if (!from.verifies(body(), fromSignature)) {
            return which + " is not signed by the key it replaces: it was made without that key";
        }
        if (!to.verifies(body(), toSignature)) {
            return which + " is not signed by the key it brings in";
        }
        return null;
    }

    @Override
    public byte[] afterHash() {
        return afterHash.clone();
    }

    @Override
    public byte[] fromSignature() {
        return fromSignature.clone();
    }

    @Override
    public byte[] toSignature() {
        return toSignature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyChange c
                && number == c.number
                && fromKeyId.equals(c.fromKeyId)
                && to.equals(c.to)
                && afterSeal == c.afterSeal
                && Arrays.equals(afterHash, c.afterHash)
                && time.equals(c.time)
                && Arrays.equals(fromSignature, c.fromSignature)
                && Arrays.equals(toSignature, c.toSignature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, fromKeyId, to.id(), afterSeal);
    }

    @Override
    public String toString() {
        return "KeyChange[" + number + ": " + fromKeyId + " → " + to.id() + " after seal " + afterSeal + "]";
    }
}
