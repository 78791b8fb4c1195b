package io.vigil.seal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
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
 *
 * @param afterHash that seal's hash, lowercase hex
 * @param fromSignature the replaced key's Ed25519 signature of the lines, base64
 * @param toSignature the new key's, base64
 */
public record KeyChange(
        long number,
        String fromKeyId,
        VerifyingKey to,
        long afterSeal,
        String afterHash,
        Instant time,
        String fromSignature,
        String toSignature) {
    private static final String TITLE = "vigil change log key change";

    public KeyChange {
        if (number < 1 || afterSeal < 0) { // the components are never null (the package is null-marked)
            throw new IllegalArgumentException("key change " + number + " after seal " + afterSeal);
        }
    }

    /**
     * Change {@code number} from {@code from} to {@code to}, after {@code head} (the newest seal, null if there is
     * none), signed by both.
     */
    public static KeyChange create(long number, SigningKey from, SigningKey to, @Nullable Seal head, Instant at) {
        Instant time = at.truncatedTo(ChronoUnit.MILLIS); // as stored
        long afterSeal = head == null ? 0 : head.number();
        String afterHash = Hashes.hex(head == null ? Seal.genesis() : head.hash());
        byte[] body = body(number, from.verifyingKey().id(), to.verifyingKey(), afterSeal, afterHash, time);
        Base64.Encoder base64 = Base64.getEncoder();
        return new KeyChange(
                number,
                from.verifyingKey().id(),
                to.verifyingKey(),
                afterSeal,
                afterHash,
                time,
                base64.encodeToString(from.sign(body)),
                base64.encodeToString(to.sign(body)));
    }

    private static byte[] body(
            long number, String fromKeyId, VerifyingKey to, long afterSeal, String afterHash, Instant time) {
        String key = Base64.getEncoder().encodeToString(to.publicKey().getEncoded());
        return (TITLE + "\nchange " + number + "\nfrom " + fromKeyId + "\nto " + to.id() + "\nkey " + key + "\nafter "
                        + afterSeal + " " + afterHash + "\ntime " + time + "\n")
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
        if (!from.verifies(body(), decoded(fromSignature))) {
            return which + " is not signed by the key it replaces: it was made without that key";
        }
        if (!to.verifies(body(), decoded(toSignature))) {
            return which + " is not signed by the key it brings in";
        }
        return null;
    }

    private static byte[] decoded(String signature) {
        try {
            return Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return new byte[0]; // verifies nothing
        }
    }
}
