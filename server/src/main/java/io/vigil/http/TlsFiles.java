package io.vigil.http;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS listener's certificate chain and private key, as PEM files (the key unencrypted PKCS#8, {@code
 * BEGIN PRIVATE KEY}). The files are read at start, and read again when they change: a renewed certificate
 * written over them is served from the next handshake on, with no restart ({@link ReloadingKeyManager}).
 */
public record TlsFiles(Path certificate, Path key) {
    /**
     * A TLS context serving these files.
     *
     * @throws IllegalArgumentException if a file is missing, unreadable, or not what it should be
     */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ReloadingKeyManager(this)}, null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }
}
