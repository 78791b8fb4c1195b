package io.vigil.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * SQLite in a file: one writer connection and a small fair pool of read-only connections (WAL lets them
 * read while the writer commits).
 *
 * <p>SQLite has one writer at a time per file, so more writer connections would only queue in native
 * code; the writer connection is guarded by a lock instead. In the server only the group-commit thread
 * writes; the CLI writes from its own process, and SQLite's busy timeout orders the two. A commit returns
 * only after {@code fsync} ({@code synchronous=FULL}; a bulk load relaxes that, see {@link #syncEachCommit}).
 * Thread-safe.
 */
final class SqliteConnections implements Connections {
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final int READERS = 4;
    /** Page caches: SQLite's default of 2 MB makes every insert into a million-row index a disk read. */
    private static final int WRITER_CACHE_KIB = 64 * 1024;

    private static final int READER_CACHE_KIB = 16 * 1024;

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS, true);
    private final List<Connection> allReaders = new ArrayList<>();

    SqliteConnections(Path file) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            s.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
            // Checkpoint every 32 MB of WAL instead of 4 MB: the checkpoint runs inside a commit, so fewer,
            // larger ones cost the group-commit writer less and shorten the latency tail.
            s.execute("PRAGMA wal_autocheckpoint = 8192");
        }
        for (int i = 0; i < READERS; i++) {
            Connection reader = connect(file);
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA query_only = ON");
                s.execute("PRAGMA cache_size = -" + READER_CACHE_KIB);
            }
            readers.add(reader);
            allReaders.add(reader);
        }
    }

    @Override
    public <T> T read(SqlFunction<T> work) {
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

    /** SQLite steps through results row by row anyway. */
    @Override
    public <T> T scan(SqlFunction<T> work) {
        return read(work);
    }

    /** {@code BEGIN IMMEDIATE} on an auto-commit connection: sqlite-jdbc's own transactions hold locks between. */
    @Override
    public <T> T transaction(SqlFunction<T> work) {
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

    /**
     * {@code synchronous=FULL} or {@code NORMAL}: in WAL mode, {@code NORMAL} syncs the log only at
     * checkpoints, and a later {@code FULL} commit syncs every frame written before it. Set outside any
     * transaction (SQLite refuses it inside one).
     */
    @Override
    public void syncEachCommit(boolean durable) {
        writeLock.lock();
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA synchronous = " + (durable ? "FULL" : "NORMAL"));
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "setting synchronous");
        } finally {
            writeLock.unlock();
        }
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
        return StatementCache.wrap(connection);
    }

    /**
     * {@code VACUUM INTO} on a connection of its own: one read transaction, so the copy is the snapshot of every
     * commit made before it began (every acknowledged change), while the writer goes on committing to the WAL.
     */
    @Override
    public void backupTo(Path target) {
        try (Connection connection = connect(file);
                var copy = connection.prepareStatement("VACUUM INTO ?")) {
            copy.setString(1, target.toString());
            copy.execute();
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "backing up " + file + " to " + target);
        }
    }

    /**
     * The same names as HikariCP's on PostgreSQL ({@code hikaricp_connections_*}, {@code pool="sqlite-read"} and
     * {@code "sqlite-write"}), so one dashboard reads both.
     */
    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("hikaricp.connections.active", readers, free -> READERS - free.size())
                .description("Connections in use")
                .tag("pool", "sqlite-read")
                .register(meters);
        Gauge.builder("hikaricp.connections.max", () -> READERS)
                .description("Largest number of connections")
                .tag("pool", "sqlite-read")
                .register(meters);
        Gauge.builder("hikaricp.connections.active", writeLock, lock -> lock.isLocked() ? 1 : 0)
                .description("Connections in use")
                .tag("pool", "sqlite-write")
                .register(meters);
        Gauge.builder("hikaricp.connections.max", () -> 1)
                .description("Largest number of connections")
                .tag("pool", "sqlite-write")
                .register(meters);
        Gauge.builder("hikaricp.connections.pending", writeLock, ReentrantLock::getQueueLength)
                .description("Threads waiting for a connection")
                .tag("pool", "sqlite-write")
                .register(meters);
    }

    @Override
    public String describe() {
        return file.toString();
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
