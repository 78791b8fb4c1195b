package io.vigil.store;

/** Where a {@link Database} gets its connections: one implementation per kind of database. */
interface Connections extends AutoCloseable {

    /** Runs {@code work} on a connection that sees committed data; no transaction is held after. */
    <T> T read(SqlFunction<T> work);

    /** Runs {@code work} in one transaction, committed durably before this returns; rolled back if it throws. */
    <T> T transaction(SqlFunction<T> work);

    /** Where the data lives, for messages (never a password). */
    String describe();

    @Override
    void close();
}
