package io.vigil.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

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

    @Spec
    @Nullable
    CommandSpec spec;

    VigilCommand(Assembly assembly) {
        this.assembly = assembly;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec == null ? new CommandLine(this) : spec.commandLine(),
                "Missing command: serve, migrate, token, user, insights, sync, webhook, audit, backup, restore or"
                        + " help");
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
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        withHelp(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args2) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("vigil: " + e.getMessage());
            command.getErr().println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("vigil: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /**
     * Gives every command and subcommand a {@code --help} option (usage on standard output, exit 0) unless it has
     * one. Added here rather than with picocli's standard mixin, whose {@code -h} would take {@code serve}'s
     * short option for the host.
     */
    private static void withHelp(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("--help")
                    .usageHelp(true)
                    .description("Show this command's usage and options, and exit.")
                    .build());
        }
        command.getSubcommands().values().forEach(VigilCommand::withHelp);
    }
}
