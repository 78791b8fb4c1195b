package io.vigil.cli;

import io.vigil.sync.Upstream;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What to sync and from where: the options {@code vigil sync} and {@code vigil serve --sync-every} share. */
final class SyncOptions {
    /** The environment variable the token is read from when no --token-file is given. */
    static final String TOKEN_VARIABLE = "CLOUDFLARE_API_TOKEN";

    @Option(names = "--account", paramLabel = "ID", description = "The account to mirror.")
    @Nullable
    String account;

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
            description = "Make at most N requests upstream in a run, retries included (default: no limit).")
    int maxRequests = Integer.MAX_VALUE;

    @Option(
            names = "--push",
            description = "Also send upstream the classifications and dismissals made in Vigil since the last push.")
    boolean push;

    /** The account, checked, and the other options; throws a usage error naming the option otherwise. */
    String checkedAccount(CommandLine command) {
        if (account == null || !Scope.isIdentifier(account)) {
            throw new ParameterException(command, "--account must be 32 lowercase hex characters");
        }
        for (String zone : zones) {
            if (!Scope.isIdentifier(zone)) {
                throw new ParameterException(command, "--zone must be 32 lowercase hex characters");
            }
        }
        if (maxRequests < 1) {
            throw new ParameterException(command, "--max-requests must be at least 1");
        }
        String scheme = from.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || from.getHost() == null) {
            throw new ParameterException(command, "--from must be an http(s) URL such as " + Upstream.CLOUDFLARE);
        }
        return account;
    }

    /** A client for one run; the token is read now (so a rotated token file is picked up by the next run). */
    Upstream upstream(CommandLine command) {
        return new Upstream(
                from,
                token(command),
                maxRequests,
                Duration.ofSeconds(30),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                Clock.systemUTC(),
                new SplittableRandom());
    }

    private String token(CommandLine command) {
        String token;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ParameterException(command, "cannot read --token-file " + tokenFile + ": " + e);
            }
        } else {
            token = System.getenv(TOKEN_VARIABLE);
        }
        if (token == null || token.isEmpty()) {
            throw new ParameterException(command, "no API token: set " + TOKEN_VARIABLE + " or give --token-file FILE");
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ParameterException(command, "the API token must be one line of printable ASCII");
        }
        return token;
    }
}
