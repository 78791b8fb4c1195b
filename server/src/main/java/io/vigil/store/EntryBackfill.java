package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.seal.Leaf;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Positions the change-log entries written before positions were given at write (schema version 13), once, at
 * the first start after the upgrade: in the order they were written, after the last positioned one, as the
 * sealer used to. Seals made before the upgrade cover positioned entries only, so the history stays verifiable.
 */
final class EntryBackfill {
    private static final int CHUNK = 10_000;
    private static final String UNPOSITIONED = "SELECT " + InsightRows.AUDIT_COLUMNS
            + " FROM audit_log WHERE position IS NULL AND seq IS NOT NULL ORDER BY seq, id LIMIT " + CHUNK;

    private EntryBackfill() {}

    /** Positions every entry that has none; cheap when there is none. */
    static void run(Database database) {
        while (database.read(EntryBackfill::anyUnpositioned)) {
            database.inTransaction(connection -> {
                EntryAppender.lockPositions(connection, database.dialect());
                List<AuditEntry> entries = new ArrayList<>();
                try (PreparedStatement p = connection.prepareStatement(UNPOSITIONED);
                        ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        entries.add(InsightRows.auditEntry(rs));
                    }
                }
                long next = EntryAppender.lastPosition(connection) + 1;
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE audit_log SET position = ?, leaf_hash = ? WHERE id = ? AND position IS NULL")) {
                    for (AuditEntry entry : entries) {
                        update.setLong(1, next);
                        update.setBytes(2, Leaf.hash(next, entry));
                        update.setString(3, entry.id().toString());
                        update.addBatch();
                        next++;
                    }
                    update.executeBatch();
                }
            });
        }
    }

    private static boolean anyUnpositioned(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                        "SELECT 1 FROM audit_log WHERE position IS NULL AND seq IS NOT NULL LIMIT 1");
                ResultSet rs = p.executeQuery()) {
            return rs.next();
        }
    }
}
