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

    private Migrations() {}

    /** Brings the schema up to date; returns how many migrations were applied. */
    static int migrate(Database database) {
        return migrate(database, database.dialect().migrations().size());
    }

    /** Brings the schema up to version {@code target} (an upgrade test starts from an older one). */
    static int migrate(Database database, int target) {
        database.inTransaction(connection -> {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            }
        });
        Dialect dialect = database.dialect();
        List<String> scripts = dialect.migrations();
        int applied = 0;
        for (int i = 0; i < target; i++) {
            int version = i + 1;
            String script = scripts.get(i);
            boolean ran = database.transaction(connection -> {
                String lock = dialect.migrationLock();
                if (lock != null) {
                    try (Statement s = connection.createStatement()) {
                        s.execute(lock);
                    }
                }
                if (currentVersion(connection) >= version) {
                    return false;
                }
                try (Statement s = connection.createStatement()) {
                    for (String statement : statements(read(dialect.migrationFolder() + script))) {
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
     * Splits a script into statements at semicolons that end a line, except inside a SQLite trigger's
     * {@code BEGIN} … {@code END;} block or a PostgreSQL {@code $$}-quoted body; drops comment-only lines.
     */
    static List<String> statements(String script) {
        List<String> statements = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBlock = false;
        boolean inDollarQuote = false;
        for (String line : script.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("--") && !inDollarQuote) {
                continue;
            }
            current.append(line).append('\n');
            if (line.split("\\$\\$", -1).length % 2 == 0) { // an odd number of $$ opens or closes a body
                inDollarQuote = !inDollarQuote;
            }
            if (inDollarQuote) {
                continue;
            }
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
