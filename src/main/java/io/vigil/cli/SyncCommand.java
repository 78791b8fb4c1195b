package io.vigil.cli;

import io.vigil.sync.SyncException;
import io.vigil.sync.SyncReport;
import io.vigil.sync.Upstream;
import io.vigil.tenant.Scope;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil sync --account ID}: mirrors an account's insights from Cloudflare (or another Cloudflare-compatible
 * API) into Vigil, with the decisions made there. The token comes from {@code CLOUDFLARE_API_TOKEN} or a file,
 * never from a flag, and is never printed.
 */
@Command(
        name = "sync",
        description = "Mirror an account's insights, and the decisions made on them, from Cloudflare into Vigil"
                + " (and, with --push, Vigil's decisions back).")
final class SyncCommand implements Callable<Integer> {
    /** The environment variable the token is read from when no --token-file is given. */
    static final String TOKEN_VARIABLE = "CLOUDFLARE_API_TOKEN";

    @Mixin
    StoreOptions data = new StoreOptions();

    @Option(names = "--account", paramLabel = "ID", required = true, description = "The account to mirror.")
    String account = "";

    @Option(
            names = "--zone",
            paramLabel = "ID",
            description = "Mirror only this zone's insights (repeatable); default: every zone of the account and"
                    + " the account's own insights.")
    List<String> zones = new ArrayList<>();

    @Option(
            names = "--from",
            paramLabel = "URL",
            description = "The API to read: Cloudflare's (default: ${DEFAULT-VALUE}) or another that answers as it"
                    + " does.")
    URI from = Upstream.CLOUDFLARE;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "A file holding the API token (default: the environment variable " + TOKEN_VARIABLE + ").")
    @Nullable
    Path tokenFile;

    @Option(
            names = "--max-requests",
            paramLabel = "N",
            description = "Make at most N requests upstream in this run, retries included (default: no limit).")
    int maxRequests = Integer.MAX_VALUE;

    @Option(names = "--dry-run", description = "Say what would change, and change nothing.")
    boolean dryRun;

    @Option(
            names = "--push",
            description = "Also send upstream the classifications and dismissals made in Vigil since the last push.")
    boolean push;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Scope.isIdentifier(account)) {
            throw new ParameterException(spec.commandLine(), "--account must be 32 lowercase hex characters");
        }
        for (String zone : zones) {
            if (!Scope.isIdentifier(zone)) {
                throw new ParameterException(spec.commandLine(), "--zone must be 32 lowercase hex characters");
            }
        }
        if (maxRequests < 1) {
            throw new ParameterException(spec.commandLine(), "--max-requests must be at least 1");
        }
        String scheme = from.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || from.getHost() == null) {
            throw new ParameterException(
                    spec.commandLine(), "--from must be an http(s) URL such as " + Upstream.CLOUDFLARE);
        }
        Upstream upstream = new Upstream(
                from,
                token(),
                maxRequests,
                Duration.ofSeconds(30),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                java.time.Clock.systemUTC(),
                new SplittableRandom());
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = onTerminal();
        SyncReport report;
        try (Backend backend = data.open()) {
            report = backend.sync().run(upstream, account, List.copyOf(zones), dryRun, push, line -> {
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
        PrintWriter out = spec.commandLine().getOut();
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

    private String token() {
        String token;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read --token-file " + tokenFile + ": " + e);
            }
        } else {
            token = System.getenv(TOKEN_VARIABLE);
        }
        if (token == null || token.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "no API token: set " + TOKEN_VARIABLE + " or give --token-file FILE");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ParameterException(spec.commandLine(), "the API token must be one line of printable ASCII");
        }
        return token;
    }
}
