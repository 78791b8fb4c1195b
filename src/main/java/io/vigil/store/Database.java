package io.vigil.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded SQLite database in a data directory: one writer connection and a small fair pool of
 * read-only connections (WAL lets them read while the writer commits).
 *
 * <p>SQLite has one writer at a time per file, so more writer connections would only queue in native
 * code; the writer connection is guarded by a lock instead. In the server only the group-commit thread
 * writes; the CLI writes from its own process, and SQLite's busy timeout orders the two. A commit
 * returns only after {@code fsync} ({@code synchronous=FULL}). Thread-safe.
 */
public final class Database implements AutoCloseable {
    /** The database file inside the data directory. */
    public static final String FILE_NAME = "vigil.db";

    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int WRITER_CACHE_KIB = 64 * 1024;
    private static final int READER_CACHE_KIB = 16 * 1024;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();

    private Database(Path file, int readConnections) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            // Page cache: SQLite's default of 2 MB makes every insert into a million-row index a disk read.
            s.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
        }
        this.readers = new ArrayBlockingQueue<>(readConnections, true);
        for (int i = 0; i < readConnections; i++) {
            Connection reader = connect(file);
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA query_only = ON");
                s.execute("PRAGMA cache_size = -" + READER_CACHE_KIB);
            }
            readers.add(reader);
            allReaders.add(reader);
        }
    }

    /** Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date. */
    public static Database open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Database database = new Database(dataDir.resolve(FILE_NAME), 4);
            Migrations.migrate(database);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "opening " + dataDir.resolve(FILE_NAME));
        }
    }

    /** The schema version this database is at. */
    public int schemaVersion() {
        return read(Migrations::currentVersion);
    }

    /** A server-wide setting created by the migrations (e.g. {@code cursor_key}). */
    public String setting(String name) {
        return read(connection -> {
            try (var p = connection.prepareStatement("SELECT value FROM settings WHERE name = ?")) {
                p.setString(1, name);
                try (var rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("setting " + name + " is missing; run vigil migrate");
                    }
                    return rs.getString(1);
                }
            }
        });
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} on a read-only connection. */
    <T> T read(SqlFunction<T> work) {
        Connection connection;
        try {
            connection = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a read connection", e);
        }
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "read");
        } finally {
            readers.add(connection);
        }
    }

    /**
     * Runs {@code work} in one write transaction ({@code BEGIN IMMEDIATE}) and commits it durably; rolls
     * back if {@code work} throws.
     */
    <T> T transaction(SqlFunction<T> work) {
        writeLock.lock();
        try (Statement control = writer.createStatement()) {
            control.execute("BEGIN IMMEDIATE");
            try {
                T result = work.apply(writer);
                control.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(control, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "write transaction");
        } finally {
            writeLock.unlock();
        }
    }

    /** {@link #transaction} for work that returns nothing. */
    void inTransaction(SqlWork work) {
        transaction(connection -> {
            work.run(connection);
            return Boolean.TRUE;
        });
    }

    /** Rolls back; if SQLite already did (some failed COMMITs do), the "no transaction" error is kept quiet. */
    private static void rollback(Statement control, Exception cause) {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                cause.addSuppressed(e);
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
        }
        return connection;
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            for (Connection reader : allReaders) {
                reader.close();
            }
            writer.close();
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "closing " + file);
        } finally {
            writeLock.unlock();
        }
    }
}
