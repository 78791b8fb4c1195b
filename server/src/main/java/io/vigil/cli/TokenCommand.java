package io.vigil.cli;

import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.Secrets;
import io.vigil.tenant.Scope;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil token}: API tokens. */
@Command(
        name = "token",
        description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {
    /** {@code vigil token create}: prints the new secret, and only it, once. */
    @Command(name = "create", description = "Create an API token and print its secret (shown only once).")
    static final class Create extends StoreCommand {
        @Option(names = "--name", required = true, description = "A name to recognise the token by.")
        String name = "";

        @Option(
                names = "--permission",
                required = true,
                description = "read or edit (edit also reads).",
                converter = PermissionConverter.class)
        Permission permission = Permission.READ;

        @Option(names = "--account", paramLabel = "ID", description = "An account the token reaches, with its zones.")
        List<String> accounts = new ArrayList<>();

        @Option(names = "--zone", paramLabel = "ID", description = "A single zone the token reaches.")
        List<String> zones = new ArrayList<>();

        @Option(
                names = "--expires",
                paramLabel = "WHEN",
                converter = ExpiryConverter.class,
                description = "When the token stops working: an instant (2027-01-31T00:00:00Z) or a time from"
                        + " now (90d, 12h, 30m). Default: never.")
        @Nullable
        Expiry expires;

        @Override
        public Integer call() {
            if (accounts.isEmpty() && zones.isEmpty()) {
                throw refused("give at least one --account or --zone");
            }
            Identifiers.requireAll(spec, "--account", accounts);
            Identifiers.requireAll(spec, "--zone", zones);
            String secret = Secrets.newToken();
            Instant now = Instant.now();
            if (expires != null && !expires.after(now).isAfter(now)) {
                throw refused("--expires must be in the future");
            }
            ApiToken token = new ApiToken(
                    Secrets.newId(),
                    name,
                    Secrets.hash(secret),
                    permission,
                    new HashSet<>(accounts),
                    new HashSet<>(zones),
                    now,
                    expires == null ? null : expires.after(now));
            try (Backend backend = data.open()) {
                backend.credentials().save(token);
            }
            out().println(secret);
            return 0;
        }
    }

    /** {@code vigil token list}: every token, never a secret. */
    @Command(name = "list", description = "List API tokens: id, name, permission, scopes, expiry (never secrets).")
    static final class ListTokens extends StoreCommand {
        @Override
        public Integer call() {
            List<ApiToken> tokens;
            try (Backend backend = data.open()) {
                tokens = backend.credentials().tokens();
            }
            PrintWriter out = out();
            Instant now = Instant.now();
            out.printf(
                    "%-32s  %-7s  %-10s  %-20s  %-24s  %s%n",
                    "ID", "STATUS", "PERMISSION", "EXPIRES", "NAME", "SCOPES");
            for (ApiToken token : tokens) {
                List<String> scopes = new ArrayList<>();
                token.accountIds().stream().sorted().forEach(id -> scopes.add("account:" + id));
                token.zoneIds().stream().sorted().forEach(id -> scopes.add("zone:" + id));
                out.printf(
                        "%-32s  %-7s  %-10s  %-20s  %-24s  %s%n",
                        token.id(),
                        token.status(now),
                        token.permission().wireName(),
                        token.expiresOn() == null ? "never" : token.expiresOn().truncatedTo(ChronoUnit.SECONDS),
                        token.name(),
                        String.join(",", scopes));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code vigil token revoke ID}: deletes the token; its secret stops working within a second. */
    @Command(name = "revoke", description = "Revoke an API token by id (see 'token list'); it stops working at once.")
    static final class Revoke extends StoreCommand {
        @Parameters(paramLabel = "ID", description = "The token's id, as 'token list' prints it.")
        String id = "";

        @Override
        public Integer call() {
            boolean existed;
            try (Backend backend = data.open()) {
                existed = backend.credentials().deleteToken(id);
            }
            if (!existed) {
                spec.commandLine().getErr().println("vigil: no token with id '" + id + "'");
                return 1;
            }
            out().println("revoked " + id);
            return 0;
        }
    }

    /** When a token expires: at an instant, or a duration after it is created. */
    record Expiry(@Nullable Instant at, @Nullable Duration in) {
        Instant after(Instant now) {
            return at != null ? at : now.plus(Objects.requireNonNull(in));
        }
    }

    /** Parses {@code --expires}: an ISO-8601 instant, or {@code <n>d|h|m}. */
    static final class ExpiryConverter implements CommandLine.ITypeConverter<Expiry> {
        @Override
        public Expiry convert(String value) {
            var relative = java.util.regex.Pattern.compile("(\\d{1,6})([dhm])").matcher(value);
            if (relative.matches()) {
                long n = Long.parseLong(relative.group(1));
                Duration in = switch (relative.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
                return new Expiry(null, in);
            }
            try {
                return new Expiry(Instant.parse(value), null);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "expected an instant such as 2027-01-31T00:00:00Z or a time from now such as 90d, 12h, 30m;"
                                + " got '" + value + "'");
            }
        }
    }

    /** Parses {@code read} / {@code edit}. */
    static final class PermissionConverter implements CommandLine.ITypeConverter<Permission> {
        @Override
        public Permission convert(String value) {
            return Permission.fromWireName(value)
                    .orElseThrow(() ->
                            new CommandLine.TypeConversionException("expected read or edit, got '" + value + "'"));
        }
    }

    /** Checks account and zone ids given on the command line. */
    static final class Identifiers {
        private Identifiers() {}

        static void requireAll(CommandSpec spec, String option, List<String> ids) {
            for (String id : ids) {
                if (!Scope.isIdentifier(id)) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), option + " '" + id + "' is not a Cloudflare id (32 lowercase hex)");
                }
            }
        }
    }
}
