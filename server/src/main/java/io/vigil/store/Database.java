package io.vigil.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Vigil's database: embedded SQLite in a data directory by default, or PostgreSQL given a JDBC URL. Opening
 * brings the schema up to date. The stores take one of these and speak SQL that both dialects run, except
 * where {@link Dialect} says otherwise. Thread-safe.
 */
public final class Database implements AutoCloseable, MeterBinder {
    /** The SQLite file inside the data directory. */
    public static final String FILE_NAME = "vigil.db";

    private final Dialect dialect;
    private final Connections connections;

    Database(Dialect dialect, Connections connections) {
        this.dialect = dialect;
        this.connections = connections;
    }

    /**
     * Opens PostgreSQL at {@code databaseUrl} if one is given ({@code jdbc:postgresql://…}), else SQLite in
     * {@code dataDir} (created if needed), migrates it, recreates what an interrupted bulk import of
     * insights dropped ({@link BulkLoad}), and positions entries written before version 13 ({@link EntryBackfill}).
     */
    public static Database open(@Nullable String databaseUrl, Path dataDir) {
        return databaseUrl == null || databaseUrl.isBlank() ? open(dataDir) : open(databaseUrl);
    }

    /** Opens (creating if needed) the SQLite database in {@code dataDir} and migrates it. */
    public static Database open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            return migrated(new Database(Dialect.SQLITE, new SqliteConnections(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        } catch (SQLException e) {
            throw SqlErrors.classify(e, "opening " + file);
        }
    }

    /** Opens the PostgreSQL database at a {@code jdbc:postgresql://} URL and migrates it. */
    public static Database open(String databaseUrl) {
        if (!databaseUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql:// (got "
                    + databaseUrl.substring(0, Math.min(databaseUrl.length(), 24)) + "…)");
        }
        int poolSize = Math.max(4, 2 * Runtime.getRuntime().availableProcessors() + 1);
        return migrated(new Database(Dialect.POSTGRES, new PostgresConnections(databaseUrl, poolSize)));
    }

    private static Database migrated(Database database) {
        try {
            Migrations.migrate(database);
            BulkLoad.restore(database); // what a killed bulk import left to recreate
            EntryBackfill.run(database); // entries written before positions were given at write
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    Dialect dialect() {
        return dialect;
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

    /** Whether the database answers a trivial query now. */
    public boolean answers() {
        try {
            return read(connection -> {
                try (var s = connection.createStatement();
                        var rs = s.executeQuery("SELECT 1")) {
                    return rs.next();
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Where the data lives: a file, or a PostgreSQL URL without its parameters. */
    public String describe() {
        return connections.describe();
    }

    /** Runs {@code work} on a connection that sees committed data. */
    <T> T read(SqlFunction<T> work) {
        return connections.read(work);
    }

    /** See {@link Connections#scan}. */
    <T> T scan(SqlFunction<T> work) {
        return connections.scan(work);
    }

    /** Runs {@code work} in one durable write transaction; rolls back if {@code work} throws. */
    <T> T transaction(SqlFunction<T> work) {
        return connections.transaction(work);
    }

    /** Registers the connection pool's meters (in use, waiting, maximum). */
    @Override
    public void bindTo(MeterRegistry meters) {
        connections.bindTo(meters);
    }

    /** See {@link Connections#backupTo}; {@link Backup#write} is the whole operation. */
    void copyTo(Path target) {
        connections.backupTo(target);
    }

    /** See {@link Connections#syncEachCommit}. */
    void syncEachCommit(boolean durable) {
        connections.syncEachCommit(durable);
    }

    /** {@link #transaction} for work that returns nothing. */
    void inTransaction(SqlWork work) {
        transaction(connection -> {
            work.run(connection);
            return Boolean.TRUE;
        });
    }

    /** Runs the write {@code sql} with {@code args} in a transaction of its own; returns how many rows it changed. */
    int update(String sql, Object... args) {
        return transaction(connection -> Statements.update(connection, sql, args));
    }

    /** The first row {@code sql} selects with {@code args}, read by {@code row}; empty if it selects none. */
    <T> Optional<T> first(String sql, Statements.RowReader<T> row, Object... args) {
        return read(connection -> Statements.first(connection, sql, row, args));
    }

    @Override
    public void close() {
        connections.close();
    }
}
