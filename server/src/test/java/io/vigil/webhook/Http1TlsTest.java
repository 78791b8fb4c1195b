package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.testing.TestCa;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deliverer's HTTP/1.1 client over TLS: a receiver whose certificate a trusted CA issued for the target's
 * host gets its deliveries on one kept connection; a certificate that does not name the host, or that no trusted
 * CA issued, fails the delivery.
 */
class Http1TlsTest {
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aCertificateForTheHost_fromATrustedCa_getsTheDeliveries_onOneConnection() throws Exception {
        TestCa ca = TestCa.create("Webhook test CA");
        AtomicInteger connections = new AtomicInteger();
        HttpsServer server = receiver(ca, connections);
        try (Transport http = Transport.http(trusting(ca))) {
            Targets.Target target =
                    target("https://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            for (int i = 0; i < 5; i++) {
                assertThat(http.post(target, Map.of("webhook-id", "msg_" + i), BODY))
                        .isEqualTo(204);
            }
            assertThat(connections.get()).isEqualTo(1);
            Targets.Target localhost =
                    target("https://localhost:" + server.getAddress().getPort() + "/hook");
            assertThat(http.post(localhost, Map.of(), BODY)).isEqualTo(204); // the certificate names localhost too
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCertificateNotNamingTheHost_orFromAnUntrustedCa_failsTheDelivery() throws Exception {
        TestCa ca = TestCa.create("Webhook test CA");
        HttpsServer server = receiver(ca, new AtomicInteger());
        int port = server.getAddress().getPort();
        try (Transport trusting = Transport.http(trusting(ca));
                Transport untrusting = Transport.http(trusting(TestCa.create("Another CA")))) {
            assertThatThrownBy(
                            () -> trusting.post(target("https://elsewhere.invalid:" + port + "/hook"), Map.of(), BODY))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> untrusting.post(target("https://127.0.0.1:" + port + "/hook"), Map.of(), BODY))
                    .isInstanceOf(SSLHandshakeException.class);
        } finally {
            server.stop(0);
        }
    }

    /** A target whose host, whatever its name, was checked to be the loopback address. */
    private static Targets.Target target(String url) {
        return new Targets.Target(URI.create(url), List.of(InetAddress.getLoopbackAddress()));
    }

    private HttpsServer receiver(TestCa ca, AtomicInteger connections) throws Exception {
        TestCa.Issued issued = ca.issue(dir, "receiver");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                "receiver", privateKey(issued.key()), new char[0], new Certificate[] {certificate(issued.certificate())
                });
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        io.vigil.http.ApiServer.jdkServerProperties(); // read once per JVM, at the first server made
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        java.util.Set<Object> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        server.createContext("/", exchange -> {
            try (exchange;
                    InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                if (seen.add(exchange.getRemoteAddress())) {
                    connections.incrementAndGet();
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        return server;
    }

    private SSLSocketFactory trusting(TestCa ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certificate(ca.writeCertificate(Files.createTempFile(dir, "ca", ".pem"))));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path pem) throws Exception {
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
