package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The version of what lists show ({@code insight_list_version}): bumped in the transaction of every change
 * to which insights a list shows, or their order (imports, dismissals; not classifications). Remembered list
 * positions ({@link ListPositions}) are reused only within one version.
 */
final class ListVersion {
    private ListVersion() {}

    static long read(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT version FROM insight_list_version");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Bumps the version; returns the new one. */
    static long bump(Connection connection) throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement("UPDATE insight_list_version SET version = version + 1")) {
            p.executeUpdate();
        }
        return read(connection);
    }
}
