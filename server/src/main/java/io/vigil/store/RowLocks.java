package io.vigil.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Takes the row locks of insights up front, in id order, where a database locks rows ({@link Dialect#lockRows}):
 * a transaction that then changes them in any order waits for no one while holding one of them.
 */
final class RowLocks {
    private RowLocks() {}

    /** Locks the rows of {@code ids} that exist until the transaction ends. */
    static void lock(Connection connection, Dialect dialect, Collection<String> ids) throws SQLException {
        String sql = dialect.lockRows();
        if (sql == null || ids.isEmpty()) {
            return;
        }
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            Array array = connection.createArrayOf("text", ids.toArray());
            p.setArray(1, array);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    // each row read is locked
                }
            } finally {
                array.free();
            }
        }
    }
}
