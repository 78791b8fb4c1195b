package io.vigil.http;

import io.vigil.auth.Authenticator;
import io.vigil.auth.Credentials;
import io.vigil.auth.Permission;
import io.vigil.auth.Principal;
import io.vigil.tenant.Scope;
import java.util.function.BiFunction;

/**
 * The authentication filter: identifies the caller and, on account and zone routes, checks that they may
 * act with the given permission on the account or zone of the path, then calls the handler.
 */
final class Guard {
    private final Authenticator authenticator;

    Guard(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** {@code handler}, for callers holding {@code permission} on the path's account or zone. */
    Handler require(Permission permission, ScopedHandler handler) {
        return request -> {
            Scope scope = PathIds.scope(request);
            Principal principal = authenticator.authenticate(credentials(request));
            authenticator.authorize(principal, scope, permission);
            return handler.handle(request, scope, principal);
        };
    }

    /** {@code handler}, for any caller with valid credentials: it shows each only what they reach. */
    Handler authenticated(BiFunction<ApiRequest, Principal, ApiResponse> handler) {
        return request -> handler.apply(request, authenticator.authenticate(credentials(request)));
    }

    static Credentials credentials(ApiRequest request) {
        return Credentials.parse(
                request.header("Authorization"), request.header("X-Auth-Email"), request.header("X-Auth-Key"));
    }
}
