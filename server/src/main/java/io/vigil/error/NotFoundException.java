package io.vigil.error;

import java.util.List;
import java.util.Set;

/** The addressed resource does not exist or is not visible to the caller (the two are never told apart). */
public final class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;
    private static final Set<Integer> STATUSES = Set.of(404);

    public NotFoundException(ErrorCode code, String message) {
        super(require(code, STATUSES), message, null, List.of(), null);
    }
}
