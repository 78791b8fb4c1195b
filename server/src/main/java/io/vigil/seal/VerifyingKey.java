package io.vigil.seal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * The public half of the {@link SigningKey}: what {@code vigil audit key} prints and what verifies seals and
 * checkpoints. Its id is the first 16 hex digits of the SHA-256 of its SPKI encoding. Thread-safe.
 */
public record VerifyingKey(PublicKey publicKey) {

    /** The first {@code PUBLIC KEY} (SPKI) block of a PEM document. */
    public static VerifyingKey fromPem(String pem) {
        try {
            byte[] der = Pem.decode(pem, "PUBLIC KEY");
            return new VerifyingKey(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    public String id() {
        return Hashes.hex(Hashes.sha256(publicKey.getEncoded())).substring(0, 16);
    }

    /** The key as a PEM {@code PUBLIC KEY} block, which {@code openssl pkeyutl -verify} reads. */
    public String pem() {
        return Pem.encode("PUBLIC KEY", publicKey.getEncoded());
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
