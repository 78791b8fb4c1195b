package io.vigil.store;

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

    /** Where the data lives, for messages (never a password). */
    String describe();

    @Override
    void close();
}
