package io.vigil.http;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's key manager, read from PEM files and read again when they change: at most once a second, a
 * handshake looks at the files' modification times, and if either moved, the next handshakes use the new
 * pair. A pair that fails to load (say, the key written but not yet the certificate) is logged and the old one
 * kept, to be tried again on the next change. Thread-safe.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private record Loaded(X509ExtendedKeyManager keys, List<FileTime> modified) {}

    private final TlsFiles files;
    private volatile Loaded loaded;
    private volatile long checkedAt = System.nanoTime();

    /** @throws IllegalArgumentException if the files cannot be read as a certificate chain and its key */
    ReloadingKeyManager(TlsFiles files) {
        this.files = files;
        this.loaded = new Loaded(PemFiles.keyManager(files), modified());
    }

    private List<FileTime> modified() {
        try {
            return List.of(Files.getLastModifiedTime(files.certificate()), Files.getLastModifiedTime(files.key()));
        } catch (IOException e) {
            return List.of();
        }
    }

    private X509ExtendedKeyManager current() {
        long now = System.nanoTime();
        if (now - checkedAt >= CHECK_EVERY_NANOS) {
            checkedAt = now;
            reloadIfChanged();
        }
        return loaded.keys();
    }

    private synchronized void reloadIfChanged() {
        List<FileTime> modified = modified();
        if (modified.isEmpty() || modified.equals(loaded.modified())) {
            return;
        }
        try {
            loaded = new Loaded(PemFiles.keyManager(files), modified);
            LOG.info("TLS certificate reloaded from {}", files.certificate());
        } catch (RuntimeException e) {
            LOG.warn("TLS files changed but do not load; still serving the previous certificate: {}", e.getMessage());
            loaded = new Loaded(loaded.keys(), modified); // tried once per change, not once a second
        }
    }

    @Override
    public @Nullable String chooseEngineServerAlias(
            String keyType, Principal @Nullable [] issuers, @Nullable SSLEngine engine) {
        return current().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return current().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public X509Certificate @Nullable [] getCertificateChain(String alias) {
        return loaded.keys().getCertificateChain(alias);
    }

    @Override
    public @Nullable PrivateKey getPrivateKey(String alias) {
        return loaded.keys().getPrivateKey(alias);
    }

    @Override
    public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
        return current().getServerAliases(keyType, issuers);
    }

    @Override
    public String @Nullable [] getClientAliases(String keyType, Principal @Nullable [] issuers) {
        return null; // a server: it never authenticates as a client
    }

    @Override
    public @Nullable String chooseClientAlias(
            String @Nullable [] keyType, Principal @Nullable [] issuers, @Nullable Socket socket) {
        return null;
    }
}
