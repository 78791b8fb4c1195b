package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import io.vigil.store.Database;
import io.vigil.testing.Postgres;
import io.vigil.testing.Seeds;
import io.vigil.testing.TestCa;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil serve --tls-cert --tls-key} with a CA made for the test: curl trusting that CA gets the API's
 * answers over HTTPS, curl refuses a certificate from another CA and an expired one, a renewed certificate
 * written over the files is served without a restart, and bad files are refused before anything starts.
 */
class TlsTest {
    @TempDir
    Path dir;

    private @Nullable String databaseUrl;
    private String token = "";
    private TestCa ca = TestCa.create("Vigil test CA");
    private Path caFile = Path.of("unset");

    @BeforeEach
    void seed() {
        databaseUrl = "postgres".equals(System.getProperty("vigil.test.database")) ? Postgres.freshDatabaseUrl() : null;
        try (Database database = Database.open(databaseUrl, dir.resolve("data"))) {
            token = Seeds.insightsAndEditToken(database, "t", 2);
        }
        caFile = ca.writeCertificate(dir.resolve("ca.pem"));
    }

    private Main.Server start(TestCa.Issued issued) {
        return Main.start(
                databaseUrl,
                dir.resolve("data"),
                ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .withTls(new TlsFiles(issued.certificate(), issued.key())));
    }

    @Test
    void curl_trustingTheCa_getsTheApiOverHttps() throws Exception {
        try (Main.Server server = start(ca.issue(dir, "server"))) {
            Curl curl = curl(
                    caFile,
                    "https://127.0.0.1:" + server.port() + "/client/v4/accounts/" + ACCOUNT
                            + "/security-center/insights/t1/classification",
                    "-X",
                    "PATCH",
                    "-H",
                    "Content-Type: application/json",
                    "-d",
                    "{\"classification\":\"false_positive\"}");
            assertThat(curl.exit()).as(curl.err()).isZero();
            assertThat(curl.out()).isEqualTo("{\"errors\":[],\"messages\":[],\"success\":true}");
            Curl plain = curl(caFile, "http://127.0.0.1:" + server.port() + "/livez");
            assertThat(plain.exit())
                    .as("plain HTTP on the HTTPS port gets no answer")
                    .isNotZero();
        }
    }

    @Test
    void curl_refusesACertificateFromAnotherCa() throws Exception {
        TestCa stranger = TestCa.create("Someone else's CA");
        try (Main.Server server = start(stranger.issue(dir, "stranger"))) {
            Curl curl = curl(caFile, "https://127.0.0.1:" + server.port() + "/client/v4/user/tokens/verify");
            assertThat(curl.exit()).as(curl.err()).isEqualTo(60); // CURLE_PEER_FAILED_VERIFICATION
            assertThat(curl.out()).isEmpty();
        }
    }

    @Test
    void curl_refusesAnExpiredCertificate() throws Exception {
        TestCa.Issued expired = ca.issue(dir, "expired", Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(2));
        try (Main.Server server = start(expired)) {
            Curl curl = curl(caFile, "https://127.0.0.1:" + server.port() + "/client/v4/user/tokens/verify");
            assertThat(curl.exit()).as(curl.err()).isEqualTo(60);
            assertThat(curl.err()).contains("expired");
        }
    }

    @Test
    void renewedCertificate_writtenOverTheFiles_isServedWithoutARestart() throws Exception {
        TestCa.Issued first = ca.issue(dir, "live");
        try (Main.Server server = start(first)) {
            assertThat(servedSerial(server.port())).isEqualTo(first.serial());
            TestCa.Issued renewed = ca.issue(dir, "renewed");
            Files.copy(renewed.key(), first.key(), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed.certificate(), first.certificate(), StandardCopyOption.REPLACE_EXISTING);
            FileTime later = FileTime.from(Instant.now().plusSeconds(5));
            Files.setLastModifiedTime(first.key(), later);
            Files.setLastModifiedTime(first.certificate(), later);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            BigInteger served = servedSerial(server.port());
            while (!served.equals(renewed.serial()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                served = servedSerial(server.port());
            }
            assertThat(served).isEqualTo(renewed.serial());
            assertThat(curl(caFile, "https://127.0.0.1:" + server.port() + "/client/v4/user/tokens/verify")
                            .exit())
                    .isZero();
        }
    }

    @Test
    void aKeyInTheWrongFormat_isRefusedWithHowToConvertIt() throws Exception {
        TestCa.Issued issued = ca.issue(dir, "server");
        String pkcs8 = Files.readString(issued.key());
        Files.writeString(issued.key(), pkcs8.replace("PRIVATE KEY", "EC PRIVATE KEY"));
        assertThatThrownBy(() -> start(issued))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(issued.key() + " holds a 'EC PRIVATE KEY'; convert it to unencrypted PKCS#8 with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
        Files.writeString(issued.certificate(), "not a certificate");
        Files.writeString(issued.key(), pkcs8);
        assertThatThrownBy(() -> start(issued))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(issued.certificate() + " is not a PEM certificate chain: ");
    }

    /** The serial number of the certificate the server presents now (a fresh handshake). */
    private BigInteger servedSerial(int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private record Curl(int exit, String out, String err) {}

    private Curl curl(Path trusted, String url, String... extra) throws IOException, InterruptedException {
        boolean installed =
                new ProcessBuilder("sh", "-c", "command -v curl").start().waitFor() == 0;
        if (!installed) {
            assertThat(System.getenv("CI"))
                    .as("curl must be installed in CI (.ci/tools.sh)")
                    .isNull();
            assumeTrue(false, "curl is not installed: run .ci/tools.sh");
        }
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "-sS",
                "--max-time",
                "10",
                "--cacert",
                trusted.toString(),
                "-H",
                "Authorization: Bearer " + token));
        command.addAll(List.of(extra));
        command.add(url);
        Process curl = new ProcessBuilder(command).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Curl(curl.exitValue(), out, err);
    }
}
