package io.vigil.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A subscription's signing secret, and the Standard Webhooks signature it gives a delivery: {@code v1,} then the
 * base64 HMAC-SHA256, keyed with the secret's bytes, of {@code webhook-id.webhook-timestamp.body}. The secret's
 * text form is {@code whsec_} and the base64 of 32 random bytes, what receivers' libraries take.
 */
public final class Signature implements Signer {
    /** What a secret's text starts with. */
    public static final String PREFIX = "whsec_";

    private static final int SECRET_BYTES = 32;

    private final byte[] key;

    /** Keyed once; each signature works on a copy of it. */
    private final Mac keyed;

    private Signature(byte[] key) {
        this.key = key.clone();
        this.keyed = newMac(this.key);
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** A new random secret. */
    public static Signature generate(SecureRandom random) {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return new Signature(key);
    }

    /**
     * The secret of {@code text} ({@code whsec_…}).
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static Signature parse(String text) {
        Objects.requireNonNull(text, "text == null");
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signing secret is " + PREFIX + " and base64", e);
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a signing secret holds 24 to 64 bytes");
        }
        return new Signature(key);
    }

    /** The secret's text form, shown once to the subscriber. */
    public String secret() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The {@code webhook-signature} header value of one delivery.
     *
     * @param id the delivery's {@code webhook-id}, the same on every attempt
     * @param timestamp the attempt's {@code webhook-timestamp}, seconds since the epoch
     */
    public String sign(String id, long timestamp, String body) {
        return sign(id, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #sign(String, long, String)}, of a body already in UTF-8. Thread-safe. */
    @Override
    public String sign(String id, long timestamp, byte[] body) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(key); // a provider whose Mac cannot be copied: key a new one
        }
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Override
    public String toString() {
        return "Signature[secret hidden]";
    }
}
