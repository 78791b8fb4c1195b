package io.vigil.error;

import java.util.List;
import java.util.Set;

/** Valid credentials that do not grant the action on the addressed account or zone. */
public final class PermissionDeniedException extends ApiException {
    private static final long serialVersionUID = 1L;
    private static final Set<Integer> STATUSES = Set.of(403);

    public PermissionDeniedException(ErrorCode code, String message) {
        super(require(code, STATUSES), message, null, List.of(), null);
    }
}
