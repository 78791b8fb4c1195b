package io.vigil.http;

import io.vigil.auth.Authenticator;
import io.vigil.auth.Credentials;
import io.vigil.auth.Permission;
import io.vigil.auth.Principal;
import io.vigil.auth.RateLimiter;
import io.vigil.tenant.Scope;
import java.util.function.BiFunction;

/**
 * The authentication filter: identifies the caller, counts the request against its rate limit and, on
 * account and zone routes, checks that it may act with the given permission on the account or zone of the
 * path, then calls the handler.
 */
final class Guard {
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    Guard(Authenticator authenticator, RateLimiter rateLimiter) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
    }

    /** {@code handler}, for callers holding {@code permission} on the path's account or zone. */
    Handler require(Permission permission, ScopedHandler handler) {
        return request -> {
            Scope scope = PathIds.scope(request);
            Principal principal = authenticate(request);
            authenticator.authorize(principal, scope, permission);
            return handler.handle(request, scope, principal);
        };
    }

    /** The caller, counted against its rate limit. */
    Principal authenticate(ApiRequest request) {
        Principal principal = authenticator.authenticate(credentials(request));
        request.addResponseHeaders(rateLimiter.acquire(principal));
        return principal;
    }

    /** {@code handler}, for any caller with valid credentials: it shows each only what they reach. */
    Handler authenticated(BiFunction<ApiRequest, Principal, ApiResponse> handler) {
        return request -> handler.apply(request, authenticate(request));
    }

    static Credentials credentials(ApiRequest request) {
        return Credentials.parse(
                request.header("Authorization"), request.header("X-Auth-Email"), request.header("X-Auth-Key"));
    }
}
