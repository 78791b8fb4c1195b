package io.vigil.store;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/** Where a {@link Database} gets its connections: one implementation per kind of database. */
interface Connections extends AutoCloseable {

    /** Runs {@code work} on a connection that sees committed data; no transaction is held after. */
    <T> T read(SqlFunction<T> work);

    /**
     * Runs {@code work} on a connection that sees committed data and streams long results: statements with
     * a fetch size read their rows in chunks instead of all at once (PostgreSQL needs a transaction for that).
     */
    <T> T scan(SqlFunction<T> work);

    /** Runs {@code work} in one transaction, committed durably before this returns; rolled back if it throws. */
    <T> T transaction(SqlFunction<T> work);

    /**
     * Whether each commit waits for {@code fsync} (the default) or only the next one that does: a commit then
     * survives a crash of the process but perhaps not of the machine, until a later durable commit. For a
     * bulk load, which reports success only after its last, durable commit. Implementations that always sync
     * ignore it.
     */
    default void syncEachCommit(boolean durable) {}

    /**
     * Writes a consistent copy of the whole database to {@code target} (which must not exist) while writes go
     * on; only the embedded database can, PostgreSQL is backed up with its own {@code pg_dump}.
     */
    default void backupTo(Path target) {
        throw new UnsupportedOperationException(
                "vigil backup copies the embedded database; back up PostgreSQL with pg_dump (docs/deploy.md)");
    }

    /** Registers the pool's meters (connections in use, waiting, the maximum) on {@code meters}. */
    void bindTo(MeterRegistry meters);

    /** Where the data lives, for messages (never a password). */
    String describe();

    @Override
    void close();
}
