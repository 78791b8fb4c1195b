package io.vigil.cli;

import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.Secrets;
import io.vigil.store.Database;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.tenant.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil token}: API tokens. */
@Command(name = "token", description = "Manage API tokens.", subcommands = TokenCommand.Create.class)
final class TokenCommand {

    /** {@code vigil token create}: prints the new secret, and only it, once. */
    @Command(name = "create", description = "Create an API token and print its secret (shown only once).")
    static final class Create implements Callable<Integer> {
        @Mixin
        StoreOptions data = new StoreOptions();

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

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (accounts.isEmpty() && zones.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give at least one --account or --zone");
            }
            Identifiers.requireAll(spec, "--account", accounts);
            Identifiers.requireAll(spec, "--zone", zones);
            String secret = Secrets.newToken();
            ApiToken token = new ApiToken(
                    Secrets.newId(),
                    name,
                    Secrets.hash(secret),
                    permission,
                    new HashSet<>(accounts),
                    new HashSet<>(zones),
                    Instant.now(),
                    null);
            try (Database database = data.open()) {
                new JdbcCredentialStore(database).save(token);
            }
            spec.commandLine().getOut().println(secret);
            return 0;
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
