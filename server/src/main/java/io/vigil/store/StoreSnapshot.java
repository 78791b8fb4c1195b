package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every row of an embedded (SQLite) database at one moment, held in memory, and the way back to it: test mode's
 * reset (docs/decisions.md, "How the JUnit extension resets"). Meant for the small state right after a test
 * server's start; no API route and no command reaches it.
 *
 * <p>{@link #restore} is one write transaction on the server's own writer connection: queued writes commit before or
 * after it, never half; readers see the old state or the new. It empties every table and inserts the remembered rows
 * (foreign keys checked at the commit), except {@code insight_list_version}, which it bumps instead: the positions a
 * store remembers in lists belong to one version, and a version seen before the reset must never come back. SQLite's
 * own tables ({@code sqlite_sequence}, statistics) are left as they are. Immutable and thread-safe.
 */
public final class StoreSnapshot {
    /** Kept across a restore, and bumped by it (see the class comment). */
    private static final String LIST_VERSION = "insight_list_version";

    /**
     * Tables the schema's triggers write when rows of others are inserted (the tallies of inserted insights):
     * restored last, emptied once more first, so that they end as remembered.
     */
    private static final List<String> WRITTEN_BY_TRIGGERS = List.of("insight_tallies", "counters");

    private record Table(String name, String insert, int columns, List<Object[]> rows) {}

    private final Database database;
    private final List<Table> tables;

    private StoreSnapshot(Database database, List<Table> tables) {
        this.database = database;
        this.tables = tables;
    }

    /** Reads every table of {@code database} now (in one transaction, so the snapshot is consistent). */
    public static StoreSnapshot take(Database database) {
        if (database.dialect() != Dialect.SQLITE) {
            throw new IllegalArgumentException(
                    "a snapshot is taken of an embedded database only, not of " + database.describe());
        }
        return new StoreSnapshot(database, database.transaction(StoreSnapshot::readAll));
    }

    private static List<Table> readAll(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'table'"
                        + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        names.remove(LIST_VERSION);
        names.removeAll(WRITTEN_BY_TRIGGERS);
        names.addAll(WRITTEN_BY_TRIGGERS);
        List<Table> tables = new ArrayList<>(names.size());
        for (String name : names) {
            tables.add(read(connection, name));
        }
        return List.copyOf(tables);
    }

    private static Table read(Connection connection, String name) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM \"" + name + "\"")) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> columnNames = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) {
                columnNames.add('"' + meta.getColumnName(c) + '"');
            }
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int c = 1; c <= columns; c++) {
                    row[c - 1] = rs.getObject(c); // Long, Double, String, byte[] or null: SQLite's storage classes
                }
                rows.add(row);
            }
            String insert = "INSERT INTO \"" + name + "\" (" + String.join(", ", columnNames) + ") VALUES ("
                    + columnNames.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            return new Table(name, insert, columns, List.copyOf(rows));
        }
    }

    /** Puts every table back as it was when the snapshot was taken, in one transaction. */
    public void restore() {
        database.inTransaction(connection -> {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA defer_foreign_keys = ON"); // until this transaction's commit
                for (Table table : tables) {
                    s.executeUpdate("DELETE FROM \"" + table.name() + "\"");
                }
            }
            for (Table table : tables) {
                if (WRITTEN_BY_TRIGGERS.contains(table.name())) {
                    try (Statement s = connection.createStatement()) {
                        s.executeUpdate("DELETE FROM \"" + table.name() + "\"");
                    }
                }
                if (table.rows().isEmpty()) {
                    continue;
                }
                try (PreparedStatement insert = connection.prepareStatement(table.insert())) {
                    for (Object[] row : table.rows()) {
                        for (int c = 0; c < table.columns(); c++) {
                            insert.setObject(c + 1, row[c]);
                        }
                        insert.executeUpdate();
                    }
                }
            }
            ListVersion.bump(connection);
        });
    }
}
