package io.vigil.client;

import io.vigil.Main;
import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.Secrets;
import io.vigil.auth.User;
import io.vigil.cli.Backend;
import io.vigil.cli.ServerOptions;
import io.vigil.insight.InsightStatus;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real Vigil server on a free loopback port over SQLite in a temporary data directory, started with the server's
 * own {@code Main.start}, and a second handle on its database (as the command line opens it) to make credentials and
 * import insights. Only the server's main code is used; closing stops both and deletes the directory.
 */
final class VigilServer implements AutoCloseable {
    static final String ACCOUNT = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";
    static final String OTHER_ACCOUNT = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2";
    static final String ZONE = "cccccccccccccccccccccccccccccc01";

    private final Path dataDir;
    private final Main.Server server;
    private final Backend backend;

    private VigilServer(Path dataDir) {
        this.dataDir = dataDir;
        // Webhook targets may be private: the tests subscribe an address nobody answers at.
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withPrivateWebhookTargets();
        this.server = Main.start(null, dataDir, dataDir, options);
        this.backend = Main.ASSEMBLY.open(null, dataDir);
    }

    static VigilServer start() {
        try {
            return new VigilServer(Files.createTempDirectory("vigil-client-test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port() + "/client/v4");
    }

    /** A client of this server with {@code token}, two retries. */
    InsightsClient client(String token) {
        return InsightsClient.builder().baseUrl(baseUrl()).apiToken(token).build();
    }

    /** An API token with {@code permission} on {@code accounts} and {@code zones}; its secret. */
    String token(Permission permission, Set<String> accounts, Set<String> zones) {
        String secret = Secrets.newToken();
        backend.credentials()
                .save(new ApiToken(
                        Secrets.newId(),
                        "client test",
                        Secrets.hash(secret),
                        permission,
                        accounts,
                        zones,
                        Instant.now(),
                        null));
        return secret;
    }

    /** An edit token on {@code account}; its secret. */
    String editToken(String account) {
        return token(Permission.EDIT, Set.of(account), Set.of());
    }

    /** A user of {@code accounts}; their global API key. */
    String user(String email, Set<String> accounts) {
        String key = Secrets.newGlobalKey();
        backend.credentials().save(new User(Secrets.newId(), email, Secrets.hash(key), accounts));
        return key;
    }

    /** Imports insights as {@code vigil insights import} does. */
    void seed(io.vigil.insight.Insight... insights) {
        backend.insights().importInsights(List.of(insights));
    }

    /** Seals every change-log entry committed now (the server also does so every second). */
    void seal() {
        server.sealNow();
    }

    /** An insight of {@code account} (and {@code zone}, unless null), moderate, active, last seen at {@code seen}. */
    static io.vigil.insight.Insight.Builder insight(String id, String account, @Nullable String zone, Instant seen) {
        return io.vigil.insight.Insight.builder()
                .id(id)
                .accountId(account)
                .zoneId(zone)
                .issueClass("always_use_https_disabled")
                .issueType(IssueType.INSECURE_CONFIGURATION)
                .severity(Severity.MODERATE)
                .subject("example.com")
                .status(InsightStatus.ACTIVE)
                .payloadJson("{\"detection_method\":\"test\"}")
                .product("ssl")
                .resolveLink("https://example.com/fix")
                .resolveText("Turn it on")
                .since(Instant.parse("2026-11-01T10:00:00Z"))
                .timestamp(seen);
    }

    @Override
    public void close() {
        try {
            server.stop(1);
        } finally {
            backend.close();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDir, e);
        }
    }
}
