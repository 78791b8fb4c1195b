package io.vigil.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stored API token: never the secret, only its hash.
 *
 * @param expiresOn after this instant the token is refused; {@code null} for never
 */
public record ApiToken(
        String id,
        String name,
        String secretHash,
        Permission permission,
        Set<String> accountIds,
        Set<String> zoneIds,
        Instant createdOn,
        @Nullable Instant expiresOn) {

    public ApiToken {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(secretHash, "secretHash == null");
        Objects.requireNonNull(permission, "permission == null");
        accountIds = Set.copyOf(accountIds);
        zoneIds = Set.copyOf(zoneIds);
        Objects.requireNonNull(createdOn, "createdOn == null");
    }

    /** {@code active} or {@code expired} at {@code now}, as {@code /user/tokens/verify} reports it. */
    public String status(Instant now) {
        return expiresOn != null && !now.isBefore(expiresOn) ? "expired" : "active";
    }

    /** The principal this token authenticates as. */
    public Principal.Token principal() {
        return new Principal.Token(id, name, permission, accountIds, zoneIds);
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", name=" + name + ", permission=" + permission + "]";
    }
}
