package io.vigil.cli;

import io.vigil.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code vigil} command run in-process exactly as {@code ./vigil} runs it, and what it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} as they are. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VigilCommand.run(Main.ASSEMBLY, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code args} with {@code --data-dir dataDir} after them. */
    static CliRun in(Path dataDir, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString()));
        return of(all.toArray(String[]::new));
    }
}
