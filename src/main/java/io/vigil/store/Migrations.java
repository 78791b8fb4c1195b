package io.vigil.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations, applied in order at start-up and by {@code vigil migrate}. Each runs in
 * its own write transaction that first re-reads the schema version, so two processes starting at once
 * apply each migration exactly once.
 */
final class Migrations {
    /** In order; a released migration is never edited, only followed by a new one. */
    static final List<String> SQLITE = List.of("V1__init.sql", "V2__list_performance.sql");

    private Migrations() {}

    /** Brings the schema up to date; returns how many migrations were applied. */
    static int migrate(Database database) {
        database.inTransaction(connection -> {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
            }
        });
        int applied = 0;
        for (int i = 0; i < SQLITE.size(); i++) {
            int version = i + 1;
            String script = SQLITE.get(i);
            boolean ran = database.transaction(connection -> {
                if (currentVersion(connection) >= version) {
                    return false;
                }
                try (Statement s = connection.createStatement()) {
                    for (String statement : statements(read("migrations/sqlite/" + script))) {
                        s.execute(statement);
                    }
                }
                try (PreparedStatement p = connection.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied_ms) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, script);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                return true;
            });
            applied += ran ? 1 : 0;
        }
        return applied;
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Splits a script into statements at semicolons that end a line, except inside a trigger's
     * {@code BEGIN} … {@code END;} block; drops comment-only lines.
     */
    static List<String> statements(String script) {
        List<String> statements = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBlock = false;
        for (String line : script.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (stripped.equals("BEGIN")) {
                inBlock = true;
            } else if (inBlock && stripped.equals("END;")) {
                inBlock = false;
                flush(current, statements);
            } else if (!inBlock && stripped.endsWith(";")) {
                flush(current, statements);
            }
        }
        flush(current, statements);
        return List.copyOf(statements);
    }

    private static void flush(StringBuilder current, List<String> statements) {
        String statement = current.toString().strip();
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration missing from the jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
