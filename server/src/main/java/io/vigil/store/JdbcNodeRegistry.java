package io.vigil.store;

import io.vigil.webhook.NodeClaim;
import java.util.Optional;

/** {@link NodeClaim.Registry} on SQLite or PostgreSQL: the table {@code nodes}. */
public final class JdbcNodeRegistry implements NodeClaim.Registry {
    private final Database database;

    public JdbcNodeRegistry(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Claim> claim(String nodeId) {
        return database.first(
                "SELECT instance, seen_ms FROM nodes WHERE node_id = ?",
                rs -> new Claim(rs.getString(1), rs.getLong(2)),
                nodeId);
    }

    @Override
    public void hold(String nodeId, String instance, long nowMs) {
        database.update(
                "INSERT INTO nodes (node_id, instance, seen_ms)"
                        + " VALUES (?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET instance = excluded.instance,"
                        + " seen_ms = excluded.seen_ms",
                nodeId,
                instance,
                nowMs);
    }

    @Override
    public void release(String nodeId, String instance) {
        database.update("DELETE FROM nodes WHERE node_id = ? AND instance = ?", nodeId, instance);
    }
}
