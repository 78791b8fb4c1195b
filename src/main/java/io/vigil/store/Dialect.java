package io.vigil.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What differs between the SQL databases Vigil runs on; everything else is one SQL for both. */
enum Dialect {
    SQLITE(
            "sqlite",
            List.of(
                    "V1__init.sql",
                    "V2__list_performance.sql",
                    "V3__names.sql",
                    "V4__deferred_schema.sql",
                    "V5__zone_numbers_actor_names.sql"),
            "IS",
            null),
    POSTGRES(
            "postgres",
            List.of(
                    "V1__init.sql",
                    "V2__list_performance.sql",
                    "V3__names.sql",
                    "V4__deferred_schema.sql",
                    "V5__zone_numbers_actor_names.sql"),
            "IS NOT DISTINCT FROM",
            // Nodes starting at once migrate one after the other (SQLite's BEGIN IMMEDIATE does this there).
            "LOCK TABLE schema_version IN ACCESS EXCLUSIVE MODE");

    private final String folder;

    @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
    private final List<String> migrations;

    private final String nullSafeEquals;
    private final @Nullable String migrationLock;

    Dialect(String folder, List<String> migrations, String nullSafeEquals, @Nullable String migrationLock) {
        this.folder = folder;
        this.migrations = migrations;
        this.nullSafeEquals = nullSafeEquals;
        this.migrationLock = migrationLock;
    }

    /** The migration scripts, in order, below {@code migrations/<folder>/}. */
    List<String> migrations() {
        return migrations;
    }

    String migrationFolder() {
        return "migrations/" + folder + "/";
    }

    /** The operator comparing two values where {@code NULL} equals {@code NULL}. */
    String nullSafeEquals() {
        return nullSafeEquals;
    }

    /** A statement serialising migrations across processes, run first in each migration transaction. */
    @Nullable
    String migrationLock() {
        return migrationLock;
    }
}
