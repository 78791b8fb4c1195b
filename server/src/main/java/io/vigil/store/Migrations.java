package io.vigil.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned schema migrations, applied in order at start-up and by {@code vigil migrate}. Each runs in
 * its own write transaction that first re-reads the schema version, so two processes starting at once
 * apply each migration exactly once.
 */
final class Migrations {

    private Migrations() {}

    private static final Pattern SCRIPT = Pattern.compile("V([1-9][0-9]*)__[a-z0-9_]+\\.sql");

    /** Brings the schema up to date; returns how many migrations were applied. */
    static int migrate(Database database) {
        return migrate(database, latestVersion(database.dialect()));
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
        int applied = 0;
        for (String script : scripts(dialect)) {
            int version = version(script);
            if (version > target) {
                break;
            }
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

    /** The version the newest script of {@code dialect} brings the schema to. */
    static int latestVersion(Dialect dialect) {
        List<String> scripts = scripts(dialect);
        return version(scripts.get(scripts.size() - 1));
    }

    private static int version(String script) {
        Matcher matcher = SCRIPT.matcher(script);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a migration script: " + script);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /**
     * The dialect's scripts in version order, found in its folder (a directory when run from the build, a
     * jar's entries otherwise): {@code V<n>__<name>.sql}, numbered from 1 without gaps (a gap would let a script
     * added later be skipped by a database already past its number).
     */
    static List<String> scripts(Dialect dialect) {
        URL folder = Migrations.class.getResource(dialect.migrationFolder());
        if (folder == null) {
            throw new IllegalStateException("migrations missing from the class path: " + dialect.migrationFolder());
        }
        SortedMap<Integer, String> byVersion = new TreeMap<>();
        for (String name : names(folder)) {
            Matcher matcher = SCRIPT.matcher(name);
            if (matcher.matches() && byVersion.put(Integer.parseInt(matcher.group(1)), name) != null) {
                throw new IllegalStateException("two migrations of version " + matcher.group(1) + " in " + folder);
            }
        }
        if (byVersion.isEmpty() || byVersion.lastKey() != byVersion.size()) {
            throw new IllegalStateException("migrations must be numbered 1 to n without gaps: " + byVersion.values());
        }
        return List.copyOf(byVersion.values());
    }

    private static List<String> names(URL folder) {
        try {
            if (folder.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) folder.openConnection();
                connection.setUseCaches(false);
                String prefix = connection.getEntryName();
                try (JarFile jar = connection.getJarFile()) {
                    return jar.stream()
                            .map(JarEntry::getName)
                            .filter(name -> name.startsWith(prefix) && name.length() > prefix.length())
                            .map(name -> name.substring(prefix.length()))
                            .toList();
                }
            }
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                return files.map(file -> file.getFileName().toString()).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migrations in " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations in " + folder, e);
        }
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
