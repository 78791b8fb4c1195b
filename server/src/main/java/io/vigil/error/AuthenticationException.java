package io.vigil.error;

import java.util.List;
import java.util.Set;

/** The request carries no credentials, or credentials that match nothing. */
public final class AuthenticationException extends ApiException {
    private static final long serialVersionUID = 1L;
    private static final Set<Integer> STATUSES = Set.of(401);

    public AuthenticationException(ErrorCode code, String message) {
        super(require(code, STATUSES), message, null, List.of(), null);
    }
}
