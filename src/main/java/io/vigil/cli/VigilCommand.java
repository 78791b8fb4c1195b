package io.vigil.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil}: the top-level command and its subcommands. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        version = "vigil 0.1.0",
        description = "A self-hosted Cloudflare Security Center Insights API.",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            TokenCommand.class,
            UserCommand.class,
            InsightsCommand.class,
            SyncCommand.class,
            WebhookCommand.class,
            AuditCommand.class,
            BackupCommand.class,
            RestoreCommand.class
        })
public final class VigilCommand implements Runnable {
    /** Returned by {@code serve} once it has been stopped by a signal: the JVM is already exiting. */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;

    final Assembly assembly;

    VigilCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this),
                "Missing subcommand: serve, migrate, token, user, insights, audit, backup or restore");
    }

    /** Runs the command line {@code args}; returns the exit code. */
    public static int run(Assembly assembly, String... args) {
        return run(
                assembly,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                args);
    }

    /** Runs {@code args} printing to {@code out} and {@code err}; for tests and {@code main} alike. */
    public static int run(Assembly assembly, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new VigilCommand(assembly));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("vigil: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }
}
