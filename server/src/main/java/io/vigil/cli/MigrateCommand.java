package io.vigil.cli;

import picocli.CommandLine.Command;

/** {@code vigil migrate}: brings the schema up to date (the server also does this at start). */
@Command(name = "migrate", description = "Create or upgrade the database schema.")
final class MigrateCommand extends StoreCommand {
    @Override
    public Integer call() {
        try (Backend backend = data.open()) {
            out().println("schema at version " + backend.database().schemaVersion() + " in "
                    + backend.database().describe());
        }
        return 0;
    }
}
