package io.vigil.testing;

import io.vigil.Main;
import io.vigil.audit.AuditEntry;
import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.RateLimit;
import io.vigil.auth.Secrets;
import io.vigil.auth.User;
import io.vigil.http.Route;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightState;
import io.vigil.store.Database;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.store.JdbcDirectory;
import io.vigil.store.JdbcInsightStore;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The real server on a free port over a real SQLite file, plus a second connection to the same file to
 * seed data and inspect state, and an HTTP client. Close it to stop both.
 */
public final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dataDir;
    /** PostgreSQL's URL when the suite runs with {@code -Dvigil.test.database=postgres}; else SQLite in dataDir. */
    private final @Nullable String databaseUrl;

    private Main.Server server;
    private final Database database;
    private final JdbcInsightStore insights;
    private final JdbcCredentialStore credentials;
    private final InsightService scanner;

    private final RateLimit rateLimit;

    private TestServer(Path dataDir, RateLimit rateLimit) {
        this.dataDir = dataDir;
        this.rateLimit = rateLimit;
        this.databaseUrl =
                "postgres".equals(System.getProperty("vigil.test.database")) ? Postgres.freshDatabaseUrl() : null;
        this.server =
                Main.start(databaseUrl, dataDir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), rateLimit);
        this.database = Database.open(databaseUrl, dataDir);
        this.insights = Stores.insights(database);
        this.credentials = new JdbcCredentialStore(database);
        this.scanner = new InsightService(insights);
    }

    public static TestServer start(Path dataDir) {
        return new TestServer(dataDir, RateLimit.OFF);
    }

    /** A server that limits each credential to {@code rateLimit}. */
    public static TestServer start(Path dataDir, RateLimit rateLimit) {
        return new TestServer(dataDir, rateLimit);
    }

    /** The server's route table. */
    public List<Route> routes() {
        return server.routes();
    }

    /**
     * Every row of every table that holds insights, their history and credentials, in a fixed order: two
     * equal snapshots mean the store did not change.
     */
    public String snapshot() {
        StringBuilder out = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                Statement statement = connection.createStatement()) {
            for (String query : List.of(
                    "SELECT * FROM insights ORDER BY id",
                    // The entries, not their seals: sealing runs in the background and changes no entry.
                    "SELECT id, issue_id, account_id, zone_id, field_changed, previous_value, current_value,"
                            + " rationale, changed_by, changed_at_ms FROM audit_log ORDER BY id",
                    "SELECT * FROM api_tokens ORDER BY id",
                    "SELECT * FROM zones ORDER BY id",
                    "SELECT * FROM accounts ORDER BY id")) {
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
        server.sealNow();
    }

    /** The id of the newest change-log entry of an insight. */
    public String newestEntryId(String issueId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
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
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
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

    private String jdbcUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME);
    }

    /** Deletes a token as {@code vigil token revoke} does. */
    public void revoke(String secret) {
        ApiToken token = credentials.findTokenByHash(Secrets.hash(secret)).orElseThrow();
        credentials.deleteToken(token.id());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/client/v4";
    }

    public int port() {
        return server.port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server gracefully and starts a new one on the same data directory. */
    public void restart() {
        server.stop(1);
        server =
                Main.start(databaseUrl, dataDir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), rateLimit);
    }

    public void seed(Insight... seeded) {
        seed(List.of(seeded));
    }

    /** Imports insights as {@code vigil insights import} does. */
    public void seed(List<Insight> seeded) {
        scanner.importInsights(seeded);
    }

    /** Gives an account or zone a display name, as {@code --demo} does. */
    public void name(Scope scope, String name) {
        new JdbcDirectory(database).name(scope, name);
    }

    /** Creates a token and returns its secret. */
    public String token(Permission permission, Set<String> accounts, Set<String> zones) {
        return token("test", permission, accounts, zones);
    }

    /** Creates a token named {@code name} and returns its secret. */
    public String token(String name, Permission permission, Set<String> accounts, Set<String> zones) {
        String secret = Secrets.newToken();
        credentials.save(new ApiToken(
                Secrets.newId(), name, Secrets.hash(secret), permission, accounts, zones, Instant.now(), null));
        return secret;
    }

    /** Creates a token that expired a minute ago and returns its secret. */
    public String expiredToken(String account) {
        String secret = Secrets.newToken();
        Instant now = Instant.now();
        credentials.save(new ApiToken(
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
        credentials.save(new User(Secrets.newId(), email, Secrets.hash(key), accounts));
        return key;
    }

    public Optional<InsightState> insight(String accountId, String issueId) {
        return insights.find(new Scope.Account(accountId), issueId);
    }

    /** The audit entries of an insight that exists, oldest first. */
    public List<AuditEntry> auditTrail(String issueId) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                PreparedStatement p = connection.prepareStatement("SELECT account_id FROM insights WHERE id = ?")) {
            p.setString(1, issueId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no insight " + issueId);
                }
                return AuditTrail.of(database, rs.getString(1), issueId);
            }
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
        return sendTo(URI.create("http://127.0.0.1:" + server.port() + rawPath), method, null, headers);
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

    @Override
    public void close() {
        server.stop(1);
        insights.close();
        database.close();
    }
}
