package io.vigil.store;

import io.vigil.insight.Insight;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What moved the list version from one value to another, read from the change log: how a node follows the
 * dismissals made by other nodes instead of forgetting every remembered list position ({@link ListPositions}).
 */
final class ListChanges {
    /** Past this many versions behind, recounting costs less than reading what changed. */
    static final long MAX_BEHIND = 1_000;

    private static final String CHANGES = "SELECT a.list_version, a.previous_value, " + prefixed()
            + " FROM audit_log a JOIN insights i ON i.id = a.issue_id"
            + " WHERE a.list_version > ? AND a.list_version <= ?"
            + " AND (SELECT version FROM insight_list_version) = ?"
            + " ORDER BY a.list_version, a.id";

    private ListChanges() {}

    /**
     * The dismissals, in order, that took the list version from {@code from} to {@code to}, each with its
     * insight as it was before; {@code null} if something else moved it too (an import, which records no
     * version) or the version is no longer {@code to}.
     */
    static @Nullable List<ListPositions.Dismissal> between(Connection connection, long from, long to)
            throws SQLException {
        if (to - from > MAX_BEHIND) {
            return null;
        }
        List<ListPositions.Dismissal> changes = new ArrayList<>();
        Set<Long> versions = new HashSet<>();
        try (PreparedStatement p = connection.prepareStatement(CHANGES)) {
            p.setLong(1, from);
            p.setLong(2, to);
            p.setLong(3, to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getLong(1));
                    boolean dismissed = !"true".equals(rs.getString(2));
                    // Only dismissals moved the version meanwhile, so the rest of the row is as it was then.
                    Insight row = InsightRows.insight(rs, 3);
                    changes.add(new ListPositions.Dismissal(row, dismissed));
                }
            }
        }
        return versions.size() == to - from ? changes : null;
    }

    private static String prefixed() {
        return "i." + InsightRows.SELECTED_COLUMNS.replace(", ", ", i.");
    }
}
