package io.vigil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} every subcommand shares, so they all open the same database. */
final class DataDirOption {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:VIGIL_DATA_DIR:-data}",
            description = "Directory of the database (default: ${DEFAULT-VALUE}; env VIGIL_DATA_DIR).")
    Path dataDir = Path.of("data");
}
