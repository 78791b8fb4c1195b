package io.vigil.cli;

import io.vigil.auth.Secrets;
import io.vigil.auth.User;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil user}: users with a global API key (the legacy X-Auth-Email / X-Auth-Key scheme). */
@Command(name = "user", description = "Manage users and their global API keys.", subcommands = UserCommand.Create.class)
final class UserCommand {
    /** {@code vigil user create}: prints the new global API key, and only it, once. */
    @Command(name = "create", description = "Create a user and print their global API key (shown only once).")
    static final class Create extends StoreCommand {
        @Option(names = "--email", required = true, description = "The user's email (X-Auth-Email).")
        String email = "";

        @Option(
                names = "--account",
                paramLabel = "ID",
                required = true,
                description = "An account the user is a member of.")
        List<String> accounts = new ArrayList<>();

        @Override
        public Integer call() {
            String normalized = email.strip().toLowerCase(Locale.ROOT);
            if (!io.vigil.auth.Credentials.EMAIL_FORM.matcher(normalized).matches()) {
                throw refused("--email '" + email + "' is not an email");
            }
            TokenCommand.Identifiers.requireAll(spec, "--account", accounts);
            String key = Secrets.newGlobalKey();
            User user = new User(Secrets.newId(), normalized, Secrets.hash(key), new HashSet<>(accounts));
            try (Backend backend = data.open()) {
                backend.credentials().save(user);
            }
            out().println(key);
            return 0;
        }
    }
}
