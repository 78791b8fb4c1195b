package io.vigil.cli;

import io.vigil.store.Backup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil restore --from FILE}: puts a backup into an empty data directory, opens it as the server would
 * (migrating an older backup) and verifies the result before reporting success.
 */
@Command(
        name = "restore",
        description = "Restore a backup made by 'vigil backup' into an empty data directory (PostgreSQL: pg_restore).")
final class RestoreCommand extends StoreCommand {
    @Option(names = "--from", paramLabel = "FILE", required = true, description = "A file written by 'vigil backup'.")
    Path from = Path.of("vigil-backup.db");

    @Override
    public Integer call() {
        if (data.databaseUrl != null && !data.databaseUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "vigil restore fills an embedded data directory; restore PostgreSQL with pg_restore (docs/deploy.md)");
        }
        Backup.restore(from, data.dataDir);
        try (Backend backend = data.open()) {
            List<String> problems = new ArrayList<>(Backup.check(backend.database()));
            // Further checks of a restored store go here (the audit chain's verification, once it exists).
            if (!problems.isEmpty()) {
                spec.commandLine().getErr().println("vigil: the restored store failed its checks: " + problems);
                return 1;
            }
            out().printf(
                            "restored %s into %s: schema at version %d; integrity check ok%n",
                            from, data.describe(), backend.database().schemaVersion());
        }
        return 0;
    }
}
