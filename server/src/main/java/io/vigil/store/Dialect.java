package io.vigil.store;

import org.jspecify.annotations.Nullable;

/**
 * Every difference between the SQL databases Vigil runs on, one method each; everything else is one SQL
 * for both. Each method is an exhaustive switch, so a new dialect must answer every one.
 */
enum Dialect {
    SQLITE,
    POSTGRES;

    /** The folder below {@code migrations/} that holds this dialect's scripts ({@link Migrations}). */
    String migrationFolder() {
        return switch (this) {
            case SQLITE -> "migrations/sqlite/";
            case POSTGRES -> "migrations/postgres/";
        };
    }

    /** The operator comparing two values where {@code NULL} equals {@code NULL}. */
    String nullSafeEquals() {
        return switch (this) {
            case SQLITE -> "IS";
            case POSTGRES -> "IS NOT DISTINCT FROM";
        };
    }

    /** The smaller of two non-null values, as an SQL expression. */
    String least(String a, String b) {
        return switch (this) {
            case SQLITE -> "min(" + a + ", " + b + ")";
            case POSTGRES -> "LEAST(" + a + ", " + b + ")";
        };
    }

    /**
     * A statement serialising migrations across processes, run first in each migration transaction; none
     * for SQLite, whose {@code BEGIN IMMEDIATE} already does it.
     */
    @Nullable
    String migrationLock() {
        return switch (this) {
            case SQLITE -> null;
            case POSTGRES -> "LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE";
        };
    }

    /**
     * Whether the database runs in this process, so a statement costs no round trip: reading rows one id
     * at a time is then as cheap as one query for all of them.
     */
    boolean inProcess() {
        return switch (this) {
            case SQLITE -> true;
            case POSTGRES -> false;
        };
    }

    /**
     * How many group-commit writer threads: SQLite has one writer anyway; on PostgreSQL one batch commits
     * (waiting for its {@code fsync}) while the next is sent, and PostgreSQL re-checks each compare-and-set
     * on the newest row, so two batches in flight are as safe as two nodes.
     */
    int writerThreads() {
        return switch (this) {
            case SQLITE -> 1;
            case POSTGRES -> 2;
        };
    }

    /**
     * Whether a JDBC batch reports a count per row (PostgreSQL's rewritten multi-row inserts do not), so an
     * import can insert first and learn which lines were new.
     */
    boolean countsBatchedRows() {
        return switch (this) {
            case SQLITE -> true;
            case POSTGRES -> false;
        };
    }

    /**
     * Whether a bulk load drops the secondary indexes and triggers of {@code insights} and rebuilds them at
     * the end ({@link BulkLoad}): faster on SQLite; PostgreSQL loads through them.
     */
    boolean bulkLoadDefersIndexes() {
        return switch (this) {
            case SQLITE -> true;
            case POSTGRES -> false;
        };
    }

    /**
     * A statement making sealers of the change log take turns across processes and nodes, run first in each
     * sealing transaction; none for SQLite, whose {@code BEGIN IMMEDIATE} already does it.
     */
    @Nullable
    String sealLock() {
        return switch (this) {
            case SQLITE -> null;
            case POSTGRES -> "SELECT pg_advisory_xact_lock(" + SEAL_LOCK + ")";
        };
    }

    /**
     * A statement, run just before a transaction appends change-log entries and held to its commit, that makes
     * the writers of every process and node append one at a time, in commit order ({@link EntryAppender}); none
     * for SQLite, whose {@code BEGIN IMMEDIATE} already does it.
     */
    @Nullable
    String positionLock() {
        return switch (this) {
            case SQLITE -> null;
            case POSTGRES -> "SELECT pg_advisory_xact_lock(" + POSITION_LOCK + ")";
        };
    }

    /**
     * A query locking the insights whose ids are its one array parameter, in id order; none for SQLite, where
     * a write transaction holds the whole database.
     */
    @Nullable
    String lockRows() {
        return switch (this) {
            case SQLITE -> null;
            case POSTGRES -> "SELECT id FROM insights WHERE id = ANY (?) ORDER BY id FOR UPDATE";
        };
    }

    /**
     * A statement, run first in the transaction that counts an account's scans and stores a new one, that makes
     * every process and node take that turn one at a time, so no account exceeds its quota; none for SQLite,
     * whose {@code BEGIN IMMEDIATE} already does it.
     */
    @Nullable
    String scanQuotaLock() {
        return switch (this) {
            case SQLITE -> null;
            case POSTGRES -> "SELECT pg_advisory_xact_lock(" + SCAN_LOCK + ")";
        };
    }

    /** The advisory lock key of starting a scan: "vscan" in ASCII. */
    private static final long SCAN_LOCK = 0x76_73_63_61_6eL;

    /** The advisory lock key of sealing: "vigil" in ASCII. */
    private static final long SEAL_LOCK = 0x76_69_67_69_6cL;

    /** The advisory lock key of appending to the change log: "vigil+" in ASCII. */
    private static final long POSITION_LOCK = 0x76_69_67_69_6c_2bL;
}
