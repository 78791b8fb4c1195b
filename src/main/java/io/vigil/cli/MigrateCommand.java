package io.vigil.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil migrate}: brings the schema up to date (the server also does this at start). */
@Command(name = "migrate", description = "Create or upgrade the database schema.")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    StoreOptions data = new StoreOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Backend backend = data.open()) {
            spec.commandLine()
                    .getOut()
                    .println("schema at version " + backend.database().schemaVersion() + " in "
                            + backend.database().describe());
        }
        return 0;
    }
}
