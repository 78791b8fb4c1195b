package io.vigil.testing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A result set as text rows ({@code a|b|c}), for tests that compare what a table holds. */
public final class Rows {
    private Rows() {}

    public static List<String> of(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int c = 1; c <= columns; c++) {
                row.add(String.valueOf(rs.getObject(c)));
            }
            rows.add(String.join("|", row));
        }
        return rows;
    }
}
