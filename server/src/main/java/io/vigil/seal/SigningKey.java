package io.vigil.seal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * The deployment's Ed25519 key that signs every seal. Kept outside the database (a PEM file beside it), so
 * that write access to the database is not enough to re-seal a rewritten history. Thread-safe.
 */
public final class SigningKey {
    private final PrivateKey privateKey;
    private final VerifyingKey verifyingKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.verifyingKey = new VerifyingKey(publicKey);
    }

    /** A new random key. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
    }

    /** The key from the PEM document {@link #privateKeyPem} wrote. */
    public static SigningKey fromPem(String pem) {
        try {
            byte[] der = Pem.decode(pem, "PRIVATE KEY");
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            // The JDK cannot derive the public key from the private one: the file carries both.
            return new SigningKey(key, VerifyingKey.fromPem(pem).publicKey());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PEM: " + e.getMessage(), e);
        }
    }

    /** The private key (PKCS #8) and then the public key (SPKI), both in PEM. */
    public String privateKeyPem() {
        return Pem.encode("PRIVATE KEY", privateKey.getEncoded()) + verifyingKey.pem();
    }

    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }

    /** The Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with Ed25519", e);
        }
    }
}
