package io.vigil.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Backup and restore of the embedded database: a backup is one SQLite file, a consistent snapshot taken while
 * the server runs and takes writes; a restore puts such a file into an empty data directory. Both check the
 * file ({@link #check}) before it takes its final name, so a half-written or damaged copy is never mistaken
 * for a good one. PostgreSQL is backed up with {@code pg_dump} (docs/deploy.md).
 */
public final class Backup {
    private static final String PARTIAL = ".partial";

    private Backup() {}

    /**
     * Writes a snapshot of {@code database} to {@code target}: every change committed before the call is in
     * it. The copy is checked and flushed to disk before it is renamed to {@code target}.
     *
     * @throws IllegalArgumentException if {@code target} exists (a backup never overwrites anything)
     */
    public static void write(Database database, Path target) {
        if (Files.exists(target)) {
            throw new IllegalArgumentException(target + " already exists; a backup never overwrites a file");
        }
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        try {
            Files.deleteIfExists(partial); // what an interrupted backup left
            database.copyTo(partial);
            List<String> problems = check(partial);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the copy failed its integrity check: " + problems);
            }
            durablyRename(partial, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write backup " + target, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the backup's own outcome is what the caller needs; a stray .partial is replaced next time
            }
        }
    }

    /**
     * Copies the backup {@code from} into {@code dataDir}, which must hold no database yet, after checking it
     * is a sound Vigil database. The caller then opens the directory as usual (which migrates an older backup).
     *
     * @throws IllegalArgumentException if {@code from} is not a sound Vigil backup or {@code dataDir} holds a
     *     database
     */
    public static void restore(Path from, Path dataDir) {
        Path file = dataDir.resolve(Database.FILE_NAME);
        for (String suffix : List.of("", "-wal", "-shm")) {
            if (Files.exists(dataDir.resolve(Database.FILE_NAME + suffix))) {
                throw new IllegalArgumentException(
                        dataDir + " already holds a database; restore only into an empty data directory");
            }
        }
        if (!Files.isRegularFile(from)) {
            throw new IllegalArgumentException("no backup file at " + from);
        }
        List<String> problems = check(from);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(from + " is not a sound Vigil backup: " + String.join("; ", problems));
        }
        Path partial = dataDir.resolve(Database.FILE_NAME + PARTIAL);
        try {
            Files.createDirectories(dataDir);
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
            durablyRename(partial, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore " + from + " into " + dataDir, e);
        }
    }

    /**
     * What is wrong with the SQLite file {@code file}, read-only: SQLite's {@code integrity_check} (every page,
     * index and constraint), its {@code foreign_key_check}, and whether it holds Vigil's schema. Empty when sound.
     */
    public static List<String> check(Path file) {
        List<String> problems = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro");
                Statement s = connection.createStatement()) {
            try (var rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    if (!"ok".equals(rs.getString(1))) {
                        problems.add("integrity_check: " + rs.getString(1));
                    }
                }
            }
            try (var rs = s.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    problems.add("foreign_key_check: row " + rs.getLong(2) + " of " + rs.getString(1)
                            + " refers to a missing " + rs.getString(3));
                }
            }
            try (var rs = s.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    problems.add("no schema_version table: not a Vigil database");
                }
            }
        } catch (SQLException e) {
            problems.add(String.valueOf(e.getMessage()));
        }
        return problems;
    }

    /**
     * What is wrong with the open {@code database}: {@link #check} of the embedded file; nothing for PostgreSQL,
     * whose {@code pg_restore} fails loudly instead. The place for further checks of a restored store (such as
     * an audit chain's verification) is {@code RestoreCommand}, which calls this.
     */
    public static List<String> check(Database database) {
        return switch (database.dialect()) {
            case SQLITE -> check(Path.of(database.describe()));
            case POSTGRES -> database.answers() ? List.of() : List.of("the database does not answer");
        };
    }

    /** fsync {@code from}, rename it to {@code to}, fsync the directory: after a crash, either no file or all. */
    private static void durablyRename(Path from, Path to) throws IOException {
        try (FileChannel channel = FileChannel.open(from, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
        Path directory = to.toAbsolutePath().getParent();
        if (directory != null) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }
}
