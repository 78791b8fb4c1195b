package io.vigil.junit;

import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.Secrets;
import io.vigil.auth.User;
import io.vigil.cli.Backend;
import io.vigil.tenant.Scope;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * More credentials for the test's server than {@link Vigil#editToken()} and {@link Vigil#readToken()}: API tokens
 * of any permission on accounts or single zones, and users with an email and a global API key, each stored as
 * {@code vigil token create} and {@code vigil user create} store them. They stay valid across {@link Vigil#reset()},
 * as the extension's own two tokens do, until the class's server stops. Thread-safe.
 *
 * <pre>{@code
 * Credentials.Token zoneEditor = vigil.credentials().zoneToken("zone-edit", Permission.EDIT, ZONE);
 * Credentials.GlobalKey member = vigil.credentials().user("member@example.com", vigil.accountId());
 * }</pre>
 */
public final class Credentials {
    private final Backend backend;
    /** Saves each credential issued again: after a reset, which restores the store as it was before any of them. */
    private final List<Runnable> saveAgain = new CopyOnWriteArrayList<>();

    Credentials(Backend backend) {
        this.backend = backend;
    }

    /**
     * A new API token named {@code name} with {@code permission} on the accounts {@code accountIds} and their zones.
     *
     * @throws IllegalArgumentException if no account is given, or one is not 32 lowercase hex digits
     */
    public Token accountToken(String name, Permission permission, String... accountIds) {
        return token(name, permission, scopes(accountIds, Scope.Account::new), Set.of());
    }

    /**
     * A new API token named {@code name} with {@code permission} on the zones {@code zoneIds} only (not their
     * accounts' other zones, nor the account-level insights).
     *
     * @throws IllegalArgumentException if no zone is given, or one is not 32 lowercase hex digits
     */
    public Token zoneToken(String name, Permission permission, String... zoneIds) {
        return token(name, permission, Set.of(), scopes(zoneIds, Scope.Zone::new));
    }

    /**
     * A new user {@code email}, a member of the accounts {@code accountIds} with every permission there, and the
     * global API key they authenticate with ({@code X-Auth-Email}, {@code X-Auth-Key}).
     *
     * @throws IllegalArgumentException if no account is given, or one is not 32 lowercase hex digits, or the email is
     *     not one
     * @throws RuntimeException from the store if the server already has a user {@code email}
     */
    public GlobalKey user(String email, String... accountIds) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (!io.vigil.auth.Credentials.EMAIL_FORM.matcher(normalized).matches()) {
            throw new IllegalArgumentException("'" + email + "' is not an email");
        }
        String key = Secrets.newGlobalKey();
        User user = new User(Secrets.newId(), normalized, Secrets.hash(key), scopes(accountIds, Scope.Account::new));
        backend.credentials().save(user);
        saveAgain.add(() -> backend.credentials().save(user));
        return new GlobalKey(normalized, key);
    }

    private Token token(String name, Permission permission, Set<String> accounts, Set<String> zones) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(permission, "permission == null");
        String secret = Secrets.newToken();
        ApiToken token = new ApiToken(
                Secrets.newId(), name, Secrets.hash(secret), permission, accounts, zones, Instant.now(), null);
        backend.credentials().save(token);
        saveAgain.add(() -> backend.credentials().save(token));
        return new Token(token.id(), name, secret);
    }

    /** The ids, each checked by the scope it names (which refuses what is not an identifier). */
    private static Set<String> scopes(String[] ids, Function<String, Scope> scope) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("give at least one account or zone id");
        }
        return Arrays.stream(ids).map(scope).map(Credentials::id).collect(Collectors.toSet());
    }

    private static String id(Scope scope) {
        return switch (scope) {
            case Scope.Account account -> account.id();
            case Scope.Zone zone -> zone.id();
        };
    }

    /** Saves every credential issued so far again: after a reset, which removed them. */
    void restore() {
        saveAgain.forEach(Runnable::run);
    }

    /**
     * An API token issued by {@link Credentials}.
     *
     * @param id the token's public id, as {@code /user/tokens/verify} answers it
     * @param secret what a client sends as {@code Authorization: Bearer <secret>}
     */
    public record Token(String id, String name, String secret) {
        /** Who the audit log says made a change with this token: {@code token:<id>} ({@code changed_by}). */
        public String changedBy() {
            return "token:" + id;
        }

        @Override
        public String toString() {
            return "Token[id=" + id + ", name=" + name + ", secret=****]";
        }
    }

    /**
     * A user's email and global API key, issued by {@link Credentials}.
     *
     * @param email the user's email, lower case, as a client sends it in {@code X-Auth-Email}
     * @param key what a client sends as {@code X-Auth-Key}
     */
    public record GlobalKey(String email, String key) {
        @Override
        public String toString() {
            return "GlobalKey[email=" + email + ", key=****]";
        }
    }
}
