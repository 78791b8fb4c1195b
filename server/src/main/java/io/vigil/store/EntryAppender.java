package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.seal.Leaf;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The change-log entries of one transaction, written at its end with their positions and leaf hashes: an entry
 * is written once, whole, and no row of {@code audit_log} is updated afterwards.
 *
 * <p>Positions continue from the last one committed. On SQLite the transaction already holds the one write
 * lock; on PostgreSQL {@link #write} first takes the position lock ({@link Dialect#positionLock}), which it holds
 * until its commit. So positions are given in commit order across processes and nodes, and no reader ever sees
 * a position whose predecessors are not committed yet. The lock is taken after every row lock of the transaction
 * (its last writes are these inserts), so a transaction holding it never waits for one that wants it. Not
 * thread-safe: one per transaction.
 */
final class EntryAppender {
    private static final String INSERT = "INSERT INTO audit_log (" + InsightRows.AUDIT_COLUMNS
            + ", bulk_id, list_version, position, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LAST =
            "SELECT position FROM audit_log WHERE position IS NOT NULL ORDER BY position DESC LIMIT 1";

    /** Entries sent to the driver at once: bounds what it buffers for a large import. */
    private static final int JDBC_BATCH = 1_000;

    private record Pending(
            AuditEntry entry,
            @Nullable UUID bulkId,
            @Nullable Long listVersion) {}

    private final Dialect dialect;
    private final List<Pending> pending = new ArrayList<>();

    EntryAppender(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Adds an entry of a single change. */
    void add(AuditEntry entry) {
        pending.add(new Pending(entry, null, null));
    }

    /**
     * Adds an entry with the bulk change it belongs to, and the list version its transaction moved to (a
     * dismissal's: how other nodes follow it, {@link ListChanges}).
     */
    void add(AuditEntry entry, @Nullable UUID bulkId, @Nullable Long listVersion) {
        pending.add(new Pending(entry, bulkId, listVersion));
    }

    /**
     * Inserts the entries added, in the order added, at the positions after the last committed one. The last
     * writes of the transaction to rows other writers lock.
     */
    void write(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        lockPositions(connection, dialect);
        long next = lastPosition(connection) + 1;
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending p : pending) {
                InsightRows.bind(insert, p.entry());
                InsightRows.setNullable(
                        insert, 11, p.bulkId() == null ? null : p.bulkId().toString());
                if (p.listVersion() == null) {
                    insert.setNull(12, Types.BIGINT);
                } else {
                    insert.setLong(12, p.listVersion());
                }
                insert.setLong(13, next);
                insert.setBytes(14, Leaf.hash(next, p.entry()));
                insert.addBatch();
                if (++next % JDBC_BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        pending.clear();
    }

    /** Takes the position lock for the rest of the transaction: entries appended after it follow every committed one. */
    static void lockPositions(Connection connection, Dialect dialect) throws SQLException {
        String lock = dialect.positionLock();
        if (lock != null) {
            try (Statement s = connection.createStatement()) {
                s.execute(lock);
            }
        }
    }

    /** The last position given, 0 if none. */
    static long lastPosition(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(LAST);
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
