package io.vigil.cli;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Option(
            names = "--key-dir",
            paramLabel = "DIR",
            defaultValue = "${env:VIGIL_KEY_DIR}",
            description = "Where the key files are (audit-key.pem, webhook-secrets.key): one directory every node"
                    + " reads, as a mounted secret (default: the data directory; env VIGIL_KEY_DIR).")
    @Nullable
    Path keyDir;

    /** The command these options belong to: its root holds the {@link Assembly}. */
    @Spec(Spec.Target.MIXEE)
    @Nullable
    CommandSpec command;

    /** Opens (and migrates) the database these options name, with the stores and services over it. */
    Backend open() {
        CommandSpec spec = Objects.requireNonNull(command, "picocli injects the command");
        return ((VigilCommand) spec.root().userObject()).assembly.open(databaseUrl, dataDir, keys());
    }

    /** Starts a server on the database these options name. */
    RunningServer start(ServerOptions options) {
        CommandSpec spec = Objects.requireNonNull(command, "picocli injects the command");
        return ((VigilCommand) spec.root().userObject()).assembly.start(databaseUrl, dataDir, keys(), options);
    }

    private Path keys() {
        Path given = keyDir;
        return given == null ? dataDir : given;
    }

    /** Where the data lives, for messages: never a password. */
    String describe() {
        return databaseUrl == null || databaseUrl.isBlank()
                ? dataDir.toAbsolutePath().toString()
                : databaseUrl.replaceAll("\\?.*", "?…");
    }
}
