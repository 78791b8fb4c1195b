package io.vigil.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on a store: the {@link StoreOptions} it opens, the picocli spec it prints and refuses
 * through. Subclasses add their options and {@link #call}.
 */
abstract class StoreCommand implements Callable<Integer> {
    @Mixin
    StoreOptions data = new StoreOptions();

    @Spec
    CommandSpec spec;

    /** Where the command's answer goes. */
    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A refusal of the command line, printed with the usage hint, exit code 2. */
    final CommandLine.ParameterException refused(@Nullable String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
