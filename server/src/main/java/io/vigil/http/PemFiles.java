package io.vigil.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** Reads a PEM certificate chain and PEM private key into a key manager, with errors that say what to fix. */
final class PemFiles {
    private static final Pattern PRIVATE_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern OTHER_KEY = Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----");
    private static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {}

    /**
     * The key manager of {@code files}.
     *
     * @throws IllegalArgumentException if a file is missing, unreadable, or not PEM of the right kind
     */
    static X509ExtendedKeyManager keyManager(TlsFiles files) {
        List<? extends Certificate> chain = certificates(files.certificate());
        PrivateKey key = privateKey(files.key());
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("vigil", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, NO_PASSWORD);
            return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "the key in " + files.key() + " does not match the certificate in " + files.certificate() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static List<? extends Certificate> certificates(Path file) {
        byte[] pem = read(file, "certificate");
        try {
            List<? extends Certificate> chain = List.copyOf(
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no PEM certificate (BEGIN CERTIFICATE)");
            }
            return chain;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) {
        String pem = new String(read(file, "private key"), StandardCharsets.US_ASCII);
        Matcher key = PRIVATE_KEY.matcher(pem);
        if (!key.find()) {
            Matcher other = OTHER_KEY.matcher(pem);
            throw new IllegalArgumentException(
                    other.find()
                            ? file + " holds a '" + other.group(1) + "'; convert it to unencrypted PKCS#8 with"
                                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'"
                            : file + " holds no PEM private key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(key.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new IllegalArgumentException(file + " holds a private key of no algorithm Vigil knows (RSA, EC, EdDSA)");
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS " + what + " " + file + ": " + e, e);
        }
    }
}
