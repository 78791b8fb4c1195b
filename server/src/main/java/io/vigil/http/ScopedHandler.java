package io.vigil.http;

import io.vigil.auth.Principal;
import io.vigil.tenant.Scope;

/** A handler for a route under an account or zone, called only once the caller may act there. */
@FunctionalInterface
interface ScopedHandler {
    ApiResponse handle(ApiRequest request, Scope scope, Principal principal);
}
