package io.vigil.store;

import io.vigil.auth.ApiToken;
import io.vigil.auth.CredentialStore;
import io.vigil.auth.Permission;
import io.vigil.auth.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link CredentialStore} on SQLite or PostgreSQL: token and user rows, hashes only. Thread-safe. */
public final class JdbcCredentialStore implements CredentialStore {
    private final Database database;

    public JdbcCredentialStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<ApiToken> findTokenByHash(String secretHash) {
        return database.read(connection -> Statements.first(
                connection,
                "SELECT id, name, permission, created_ms, expires_ms FROM api_tokens WHERE secret_hash = ?",
                rs -> token(connection, rs, secretHash),
                secretHash));
    }

    @Override
    public List<ApiToken> tokens() {
        return database.read(connection -> {
            List<ApiToken> tokens = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                            "SELECT id, name, permission, created_ms, expires_ms, secret_hash FROM api_tokens"
                                    + " ORDER BY created_ms, id");
                    ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    tokens.add(token(connection, rs, rs.getString(6)));
                }
            }
            return tokens;
        });
    }

    @Override
    public boolean deleteToken(String id) {
        return database.transaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM api_token_scopes WHERE token_id = ?")) {
                p.setString(1, id);
                p.executeUpdate();
            }
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM api_tokens WHERE id = ?")) {
                p.setString(1, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    private static ApiToken token(Connection connection, ResultSet rs, String secretHash) throws SQLException {
        String id = rs.getString(1);
        long expires = rs.getLong(5);
        Instant expiresOn = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        Set<String> accounts = new HashSet<>();
        Set<String> zones = new HashSet<>();
        readScopes(connection, id, accounts, zones);
        return new ApiToken(
                id,
                rs.getString(2),
                secretHash,
                Permission.fromWireName(rs.getString(3)).orElseThrow(),
                accounts,
                zones,
                Instant.ofEpochMilli(rs.getLong(4)),
                expiresOn);
    }

    private static void readScopes(Connection connection, String tokenId, Set<String> accounts, Set<String> zones)
            throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement("SELECT kind, resource_id FROM api_token_scopes WHERE token_id = ?")) {
            p.setString(1, tokenId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    (rs.getString(1).equals("account") ? accounts : zones).add(rs.getString(2));
                }
            }
        }
    }

    @Override
    public Optional<User> findUserByEmail(String email) {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT id, key_hash FROM users WHERE email = ?")) {
                p.setString(1, email);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String id = rs.getString(1);
                    String keyHash = rs.getString(2);
                    Set<String> accounts = new HashSet<>();
                    try (PreparedStatement q =
                            connection.prepareStatement("SELECT account_id FROM user_accounts WHERE user_id = ?")) {
                        q.setString(1, id);
                        try (ResultSet ars = q.executeQuery()) {
                            while (ars.next()) {
                                accounts.add(ars.getString(1));
                            }
                        }
                    }
                    return Optional.of(new User(id, email, keyHash, accounts));
                }
            }
        });
    }

    @Override
    public void save(ApiToken token) {
        database.inTransaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement("""
                    INSERT INTO api_tokens (id, name, secret_hash, permission, created_ms, expires_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, secret_hash = excluded.secret_hash,
                        permission = excluded.permission, created_ms = excluded.created_ms,
                        expires_ms = excluded.expires_ms""")) {
                p.setString(1, token.id());
                p.setString(2, token.name());
                p.setString(3, token.secretHash());
                p.setString(4, token.permission().wireName());
                p.setLong(5, token.createdOn().toEpochMilli());
                if (token.expiresOn() == null) {
                    p.setNull(6, java.sql.Types.INTEGER);
                } else {
                    p.setLong(6, token.expiresOn().toEpochMilli());
                }
                p.executeUpdate();
            }
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM api_token_scopes WHERE token_id = ?")) {
                p.setString(1, token.id());
                p.executeUpdate();
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO api_token_scopes (token_id, kind, resource_id) VALUES (?, ?, ?)")) {
                for (String account : token.accountIds()) {
                    addScope(p, token.id(), "account", account);
                }
                for (String zone : token.zoneIds()) {
                    addScope(p, token.id(), "zone", zone);
                }
                p.executeBatch();
            }
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO actor_names (actor, name) VALUES (?, ?)"
                    + " ON CONFLICT (actor) DO UPDATE SET name = excluded.name")) {
                p.setString(1, token.principal().actor());
                p.setString(2, token.name());
                p.executeUpdate();
            }
        });
    }

    private static void addScope(PreparedStatement p, String tokenId, String kind, String id) throws SQLException {
        p.setString(1, tokenId);
        p.setString(2, kind);
        p.setString(3, id);
        p.addBatch();
    }

    @Override
    public void save(User user) {
        database.inTransaction(connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM users WHERE email = ?")) {
                exists.setString(1, user.email());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalArgumentException("a user with email " + user.email() + " already exists");
                    }
                }
            }
            try (PreparedStatement p =
                    connection.prepareStatement("INSERT INTO users (id, email, key_hash) VALUES (?, ?, ?)")) {
                p.setString(1, user.id());
                p.setString(2, user.email());
                p.setString(3, user.keyHash());
                p.executeUpdate();
            }
            try (PreparedStatement p =
                    connection.prepareStatement("INSERT INTO user_accounts (user_id, account_id) VALUES (?, ?)")) {
                for (String account : user.accountIds()) {
                    p.setString(1, user.id());
                    p.setString(2, account);
                    p.addBatch();
                }
                p.executeBatch();
            }
        });
    }

    @Override
    public Optional<String> accountOfZone(String zoneId) {
        return database.first("SELECT account_id FROM zones WHERE id = ?", rs -> rs.getString(1), zoneId);
    }
}
