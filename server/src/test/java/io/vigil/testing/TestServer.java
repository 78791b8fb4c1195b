package io.vigil.testing;

import io.vigil.audit.AuditEntry;
import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.RateLimit;
import io.vigil.auth.Secrets;
import io.vigil.auth.User;
import io.vigil.cli.Backend;
import io.vigil.http.Route;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightState;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server on a free port over the database the test run is configured for (SQLite in a data
 * directory, or a fresh PostgreSQL database when the suite runs with {@code -Dvigil.test.database=postgres}),
 * a second handle on that database to seed data and inspect state, and an HTTP client.
 *
 * <p>A test class registers one on a static field and gets a server for all its tests:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestServer server = TestServer.perClass();
 * }</pre>
 *
 * JUnit starts it before the class's own {@code @BeforeAll} methods, which seed what the class needs, and
 * closes it after the class's {@code @AfterAll} methods. Tests that manage a server themselves {@link
 * #start} one and close it. Once started, it may be used from several threads.
 */
public final class TestServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RateLimit rateLimit;
    private @Nullable ServerInstance instance;
    /** The test container that started it: nested classes share their enclosing class's server. */
    private @Nullable String owner;

    private TestServer(RateLimit rateLimit, @Nullable ServerInstance instance) {
        this.rateLimit = rateLimit;
        this.instance = instance;
    }

    /** A server for each test class that registers it, with no rate limit. */
    public static TestServer perClass() {
        return perClass(RateLimit.OFF);
    }

    /** A server for each test class that registers it, limiting each credential to {@code rateLimit}. */
    public static TestServer perClass(RateLimit rateLimit) {
        return new TestServer(rateLimit, null);
    }

    /** A server started now on {@code dataDir}, which is left in place on close. */
    public static TestServer start(Path dataDir) {
        return new TestServer(RateLimit.OFF, ServerInstance.on(dataDir, RateLimit.OFF));
    }

    /** A server started now on a data directory of its own, deleted on close. */
    public static TestServer start() {
        return new TestServer(RateLimit.OFF, ServerInstance.onTemporaryDirectory(RateLimit.OFF));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (instance == null) {
            instance = ServerInstance.onTemporaryDirectory(rateLimit);
            owner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(owner)) {
            close();
        }
    }

    private ServerInstance running() {
        if (instance == null) {
            throw new IllegalStateException(
                    "the server is not running: register it on a static field with @RegisterExtension, or start it");
        }
        return instance;
    }

    private Backend backend() {
        return running().backend();
    }

    private JdbcCredentialStore credentials() {
        return backend().credentials();
    }

    /** A webhook subscription of {@code accountId} to an address nobody answers at; its id. */
    public String webhook(String accountId) {
        return backend()
                .webhooks(new io.vigil.webhook.Targets(false, io.vigil.webhook.Targets.systemResolver()))
                .add(
                        accountId,
                        new io.vigil.webhook.SubscriptionRequest(
                                "https://192.0.2.10/hook", Set.of(), Set.of(), Set.of()),
                        "test")
                .subscription()
                .id();
    }

    /** The server's route table. */
    public List<Route> routes() {
        return running().server().routes();
    }

    /**
     * Every row of every table that holds insights, their history and credentials, in a fixed order: two
     * equal snapshots mean the store did not change.
     */
    public String snapshot() {
        StringBuilder out = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(running().jdbcUrl());
                Statement statement = connection.createStatement()) {
            for (String query : List.of(
                    "SELECT * FROM insights ORDER BY id",
                    // The entries, not their seals: sealing runs in the background and changes no entry.
                    "SELECT id, issue_id, account_id, zone_id, field_changed, previous_value, current_value,"
                            + " rationale, changed_by, changed_at_ms FROM audit_log ORDER BY id",
                    "SELECT * FROM api_tokens ORDER BY id",
                    "SELECT * FROM zones ORDER BY id",
                    "SELECT * FROM accounts ORDER BY id",
                    // The scans asked for, not how far they got: the scan job runs them in the background.
                    "SELECT id, account_id, zone_id, issue_type, issue_class, started_ms, started_by FROM scans"
                            + " ORDER BY id")) {
                try (ResultSet rs = statement.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int c = 1; c <= columns; c++) {
                            out.append(rs.getString(c)).append('\u001f');
                        }
                        out.append('\n');
                    }
                }
                out.append("--\n");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Seals every change-log entry committed now (the server also does so every second). */
    public void seal() {
        running().server().sealNow();
    }

    /** The id of the newest change-log entry of an insight. */
    public String newestEntryId(String issueId) {
        try (Connection connection = DriverManager.getConnection(running().jdbcUrl());
                PreparedStatement p = connection.prepareStatement(
                        "SELECT id FROM audit_log WHERE issue_id = ? ORDER BY id DESC LIMIT 1")) {
            p.setString(1, issueId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("insight " + issueId + " has no change-log entry");
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The numeric id the database gave a zone: what audit entries carry as {@code zone_id}. */
    public long zoneNumber(String zoneId) {
        try (Connection connection = DriverManager.getConnection(running().jdbcUrl());
                PreparedStatement p = connection.prepareStatement("SELECT number FROM zones WHERE id = ?")) {
            p.setString(1, zoneId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no zone " + zoneId);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every on-demand scan, so that a test may start more than a day's quota of them. */
    public void forgetScans() {
        try (Connection connection = DriverManager.getConnection(running().jdbcUrl());
                Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM scans");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a token as {@code vigil token revoke} does. */
    public void revoke(String secret) {
        ApiToken token = credentials().findTokenByHash(Secrets.hash(secret)).orElseThrow();
        credentials().deleteToken(token.id());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/client/v4";
    }

    public int port() {
        return running().server().port();
    }

    /** Stops the server gracefully and starts a new one on the same database. */
    public void restart() {
        running().restart();
    }

    /** Stops the server gracefully, leaves it stopped for {@code down}, then starts a new one on the same database. */
    public void restartAfter(Duration down) {
        running().restartAfter(down);
    }

    public void seed(Insight... seeded) {
        seed(List.of(seeded));
    }

    /** Imports insights as {@code vigil insights import} does. */
    public void seed(List<Insight> seeded) {
        backend().insights().importInsights(seeded);
    }

    /** Gives an account or zone a display name, as {@code --demo} does. */
    public void name(Scope scope, String name) {
        backend().directory().name(scope, name);
    }

    /** Creates a token and returns its secret. */
    public String token(Permission permission, Set<String> accounts, Set<String> zones) {
        return token("test", permission, accounts, zones);
    }

    /** Creates a token named {@code name} and returns its secret. */
    public String token(String name, Permission permission, Set<String> accounts, Set<String> zones) {
        String secret = Secrets.newToken();
        credentials()
                .save(new ApiToken(
                        Secrets.newId(), name, Secrets.hash(secret), permission, accounts, zones, Instant.now(), null));
        return secret;
    }

    /** Creates an edit token on {@code account} that expires at {@code expiresOn} and returns its secret. */
    public String expiringToken(String account, Instant expiresOn) {
        String secret = Secrets.newToken();
        credentials()
                .save(new ApiToken(
                        Secrets.newId(),
                        "expiring",
                        Secrets.hash(secret),
                        Permission.EDIT,
                        Set.of(account),
                        Set.of(),
                        Instant.now(),
                        expiresOn));
        return secret;
    }

    /** Creates a token that expired a minute ago and returns its secret. */
    public String expiredToken(String account) {
        String secret = Secrets.newToken();
        Instant now = Instant.now();
        credentials()
                .save(new ApiToken(
                        Secrets.newId(),
                        "expired",
                        Secrets.hash(secret),
                        Permission.EDIT,
                        Set.of(account),
                        Set.of(),
                        now.minusSeconds(3600),
                        now.minusSeconds(60)));
        return secret;
    }

    /** Creates a user and returns their global API key. */
    public String user(String email, Set<String> accounts) {
        String key = Secrets.newGlobalKey();
        credentials().save(new User(Secrets.newId(), email, Secrets.hash(key), accounts));
        return key;
    }

    public Optional<InsightState> insight(String accountId, String issueId) {
        return backend().insightStore().find(new Scope.Account(accountId), issueId);
    }

    /** The audit entries of an insight that exists, oldest first. */
    public List<AuditEntry> auditTrail(String issueId) {
        try (Connection connection = DriverManager.getConnection(running().jdbcUrl());
                PreparedStatement p = connection.prepareStatement("SELECT account_id FROM insights WHERE id = ?")) {
            p.setString(1, issueId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no insight " + issueId);
                }
                return AuditTrail.of(backend().database(), rs.getString(1), issueId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every change-log entry of an insight, oldest first, dismissals included (Cloudflare's view leaves them out):
     * {@code field=value}, then {@code @bulk-id} when a bulk made it.
     */
    public List<String> changeLog(String issueId) {
        try (Connection connection = DriverManager.getConnection(running().jdbcUrl());
                PreparedStatement p = connection.prepareStatement(
                        "SELECT field_changed, current_value, bulk_id FROM audit_log WHERE issue_id = ? ORDER BY position")) {
            p.setString(1, issueId);
            List<String> entries = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String bulkId = rs.getString(3);
                    entries.add(rs.getString(1) + "=" + rs.getString(2) + (bulkId == null ? "" : "@" + bulkId));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request; {@code headers} alternate name, value. */
    public Reply send(String method, String path, String body, String... headers) {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends a request with a raw body; {@code headers} alternate name, value. */
    public Reply sendBytes(String method, String path, byte[] body, String... headers) {
        return sendTo(URI.create(baseUrl() + path), method, body, headers);
    }

    /** Sends a bodiless request to {@code rawPath} below the server's root (not below {@code /client/v4}). */
    public Reply sendToRoot(String method, String rawPath, String... headers) {
        return sendTo(URI.create("http://127.0.0.1:" + port() + rawPath), method, null, headers);
    }

    private static Reply sendTo(URI uri, String method, byte @Nullable [] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return Reply.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PATCH …/classification with a bearer token. */
    public Reply classify(String scopePath, String issueId, String body, String token) {
        return send(
                "PATCH",
                scopePath + "/security-center/insights/" + issueId + "/classification",
                body,
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + token);
    }

    /** Stops the server and closes its database; as an extension, it does so itself after the class. */
    @Override
    public void close() {
        ServerInstance closing = instance;
        instance = null;
        owner = null;
        if (closing != null) {
            closing.close();
        }
    }
}
