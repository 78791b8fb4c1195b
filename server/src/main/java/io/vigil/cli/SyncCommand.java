package io.vigil.cli;

import io.vigil.sync.SyncException;
import io.vigil.sync.SyncReport;
import io.vigil.sync.Upstream;
import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil sync --account ID}: mirrors an account's insights from Cloudflare (or another Cloudflare-compatible
 * API) into Vigil, with the decisions made there. The token comes from {@code CLOUDFLARE_API_TOKEN} or a file,
 * never from a flag, and is never printed.
 */
@Command(
        name = "sync",
        description = "Mirror an account's insights, and the decisions made on them, from Cloudflare into Vigil"
                + " (and, with --push, Vigil's decisions back).")
final class SyncCommand extends StoreCommand {
    @Mixin
    SyncOptions sync = new SyncOptions();

    @Option(names = "--dry-run", description = "Say what would change, and change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        String account = sync.checkedAccount(spec.commandLine());
        Upstream upstream = sync.upstream(spec.commandLine());
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = onTerminal();
        SyncReport report;
        try (Backend backend = data.open()) {
            report = backend.sync().run(upstream, account, List.copyOf(sync.zones), dryRun, sync.push, line -> {
                if (terminal) {
                    err.print("\r\033[K" + line);
                    err.flush();
                }
            });
        } catch (SyncException e) {
            err.println((terminal ? "\r\033[K" : "") + "sync failed: " + e.getMessage());
            return 1;
        }
        if (terminal) {
            err.print("\r\033[K");
        }
        PrintWriter out = out();
        out.print(report.summary());
        out.flush();
        return report.stopped() == null ? 0 : 1;
    }

    /** Whether a person watches: the progress line is drawn only then. */
    @SuppressWarnings("SystemConsoleNull") // checked the way each JDK allows, below
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // JDK 22 and newer have a console when redirected too, and say whether it is a terminal
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console is a terminal
        }
    }
}
