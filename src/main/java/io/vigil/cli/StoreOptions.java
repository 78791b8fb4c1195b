package io.vigil.cli;

import io.vigil.store.Database;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where the data lives; every subcommand takes the same options, so they all open the same database. */
final class StoreOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:VIGIL_DATA_DIR:-data}",
            description = "Directory of the embedded database (default: ${DEFAULT-VALUE}; env VIGIL_DATA_DIR).")
    Path dataDir = Path.of("data");

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            defaultValue = "${env:VIGIL_DATABASE_URL}",
            description = "PostgreSQL instead of the embedded database: jdbc:postgresql://HOST:PORT/DB?user=…"
                    + " (env VIGIL_DATABASE_URL).")
    @Nullable
    String databaseUrl;

    /** Opens (and migrates) the database these options name. */
    Database open() {
        return Database.open(databaseUrl, dataDir);
    }

    /** Where the data lives, for messages: never a password. */
    String describe() {
        return databaseUrl == null || databaseUrl.isBlank()
                ? dataDir.toAbsolutePath().toString()
                : databaseUrl.replaceAll("\\?.*", "?…");
    }
}
