package io.vigil.cli;

import io.vigil.store.Backup;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil backup --to FILE}: a consistent copy of the embedded database, taken while the server runs and
 * takes writes (every change acknowledged before the command started is in it), checked before it is named.
 */
@Command(
        name = "backup",
        description = "Copy the embedded database to FILE while the server runs (PostgreSQL: use pg_dump).")
final class BackupCommand extends StoreCommand {
    @Option(names = "--to", paramLabel = "FILE", required = true, description = "The backup file; must not exist.")
    Path to = Path.of("vigil-backup.db");

    @Override
    public Integer call() {
        long started = System.nanoTime();
        try (Backend backend = data.open()) {
            Backup.write(backend.database(), to);
        }
        out().printf(
                        "backed up %s to %s in %d ms; integrity check ok%n",
                        data.describe(), to, (System.nanoTime() - started) / 1_000_000);
        return 0;
    }
}
