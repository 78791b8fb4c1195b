package io.vigil.auth;

import io.vigil.error.AuthenticationException;
import io.vigil.error.ErrorCode;
import io.vigil.error.PermissionDeniedException;
import io.vigil.tenant.Scope;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Turns credentials into a {@link Principal} and decides what that principal may reach. Reads the
 * store on every call, so tokens and users created by the CLI while the server runs work at once.
 * Thread-safe.
 */
public final class Authenticator {
    private final CredentialStore store;
    private final InstantSource clock;

    public Authenticator(CredentialStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
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
                User user = store.findUserByEmail(key.email().toLowerCase(Locale.ROOT))
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
        return store.findTokenByHash(Secrets.hash(bearer.token()))
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
