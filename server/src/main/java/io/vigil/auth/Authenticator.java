package io.vigil.auth;

import io.vigil.error.AuthenticationException;
import io.vigil.error.ErrorCode;
import io.vigil.error.PermissionDeniedException;
import io.vigil.tenant.Scope;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns credentials into a {@link Principal} and decides what that principal may reach.
 *
 * <p>Known tokens and users are remembered for {@link #CACHE_MILLIS} (two lookups per request were 14% of
 * the server's CPU under load); unknown ones are looked up every time, so a token or user created by the CLI
 * while the server runs works at once, and guessing cannot fill the cache. Thread-safe.
 */
public final class Authenticator {
    /** How long a found token or user is trusted without asking the store again. */
    static final long CACHE_MILLIS = 1_000;

    private static final int CACHE_LIMIT = 10_000;

    private record Remembered<T>(T value, long until) {}

    private final CredentialStore store;
    private final InstantSource clock;
    private final Map<String, Remembered<ApiToken>> tokens = new ConcurrentHashMap<>();
    private final Map<String, Remembered<User>> users = new ConcurrentHashMap<>();

    public Authenticator(CredentialStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    private <T> Optional<T> remembered(
            Map<String, Remembered<T>> cache, String key, Function<String, Optional<T>> lookup) {
        long now = clock.millis();
        Remembered<T> hit = cache.get(key);
        if (hit != null && hit.until() > now) {
            return Optional.of(hit.value());
        }
        Optional<T> found = lookup.apply(key);
        if (found.isPresent()) {
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(key, new Remembered<>(found.get(), now + CACHE_MILLIS));
        } else {
            cache.remove(key);
        }
        return found;
    }

    /**
     * The principal the credentials belong to.
     *
     * @throws AuthenticationException if they match no active token or user
     */
    public Principal authenticate(Credentials credentials) {
        return switch (credentials) {
            case Credentials.Bearer bearer -> verify(bearer).principal();
            case Credentials.GlobalKey key -> {
                User user = remembered(users, key.email().toLowerCase(Locale.ROOT), store::findUserByEmail)
                        .filter(u -> Secrets.sameHash(u.keyHash(), Secrets.hash(key.key())))
                        .orElseThrow(() -> new AuthenticationException(
                                ErrorCode.UNKNOWN_API_KEY, "Unknown X-Auth-Key or X-Auth-Email"));
                yield user.principal();
            }
        };
    }

    /**
     * The active token behind a bearer credential.
     *
     * @throws AuthenticationException if the token is unknown or expired
     */
    public ApiToken verify(Credentials.Bearer bearer) {
        return remembered(tokens, Secrets.hash(bearer.token()), store::findTokenByHash)
                .filter(token -> token.status(clock.instant()).equals("active"))
                .orElseThrow(() -> new AuthenticationException(ErrorCode.INVALID_TOKEN, "Invalid access token"));
    }

    /**
     * Checks that {@code principal} may do what needs {@code permission} in {@code scope}. An account or
     * zone the principal does not reach is refused the same way whether it exists or not.
     *
     * @throws PermissionDeniedException if it may not
     */
    public void authorize(Principal principal, Scope scope, Permission permission) {
        boolean reaches = switch (scope) {
            case Scope.Account account -> principal.accountIds().contains(account.id());
            case Scope.Zone zone ->
                principal.zoneIds().contains(zone.id())
                        || store.accountOfZone(zone.id())
                                .map(principal.accountIds()::contains)
                                .orElse(false);
        };
        if (!reaches || !principal.grants(permission)) {
            throw new PermissionDeniedException(ErrorCode.PERMISSION_DENIED, "Authentication error");
        }
    }
}
