package io.vigil.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one multi-row read of insights by id: on the embedded database a cached statement per id (no round trip
 * to save), on PostgreSQL one {@code = ANY (?)}.
 */
final class RowsById {
    private RowsById() {}

    /**
     * The rows of those of {@code ids} that exist, by id.
     *
     * @param select a {@code SELECT … FROM insights} with no {@code WHERE}
     */
    static <T> Map<String, T> read(
            Connection connection,
            Dialect dialect,
            String select,
            Collection<String> ids,
            Statements.RowReader<T> reader,
            Function<T, String> id)
            throws SQLException {
        Map<String, T> rows = new HashMap<>();
        if (dialect.inProcess()) {
            try (PreparedStatement p = connection.prepareStatement(select + " WHERE id = ?")) {
                for (String each : ids) {
                    p.setString(1, each);
                    try (ResultSet rs = p.executeQuery()) {
                        collect(rs, reader, id, rows);
                    }
                }
            }
            return rows;
        }
        try (PreparedStatement p = connection.prepareStatement(select + " WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("text", ids.toArray());
            p.setArray(1, array);
            try (ResultSet rs = p.executeQuery()) {
                collect(rs, reader, id, rows);
            } finally {
                array.free();
            }
        }
        return rows;
    }

    private static <T> void collect(
            ResultSet rs, Statements.RowReader<T> reader, Function<T, String> id, Map<String, T> rows)
            throws SQLException {
        while (rs.next()) {
            T row = reader.read(rs);
            rows.put(id.apply(row), row);
        }
    }
}
