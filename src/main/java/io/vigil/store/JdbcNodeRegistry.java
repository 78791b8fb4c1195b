package io.vigil.store;

import io.vigil.webhook.NodeClaim;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link NodeClaim.Registry} on SQLite or PostgreSQL: the table {@code nodes}. */
public final class JdbcNodeRegistry implements NodeClaim.Registry {
    private final Database database;

    public JdbcNodeRegistry(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Claim> claim(String nodeId) {
        return database.read(connection -> {
            try (PreparedStatement p =
                    connection.prepareStatement("SELECT instance, seen_ms FROM nodes WHERE node_id = ?")) {
                p.setString(1, nodeId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(new Claim(rs.getString(1), rs.getLong(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void hold(String nodeId, String instance, long nowMs) {
        database.inTransaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO nodes (node_id, instance, seen_ms)"
                    + " VALUES (?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET instance = excluded.instance,"
                    + " seen_ms = excluded.seen_ms")) {
                p.setString(1, nodeId);
                p.setString(2, instance);
                p.setLong(3, nowMs);
                p.executeUpdate();
            }
        });
    }

    @Override
    public void release(String nodeId, String instance) {
        database.inTransaction(connection -> {
            try (PreparedStatement p =
                    connection.prepareStatement("DELETE FROM nodes WHERE node_id = ? AND instance = ?")) {
                p.setString(1, nodeId);
                p.setString(2, instance);
                p.executeUpdate();
            }
        });
    }
}
