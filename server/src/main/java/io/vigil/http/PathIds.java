package io.vigil.http;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.insight.Insight;
import io.vigil.tenant.Scope;

/** Reads the identifiers of a path: the account or zone, and the insight. */
final class PathIds {
    private PathIds() {}

    /** The account or zone the path names. */
    static Scope scope(ApiRequest request) {
        boolean account = request.hasParam("account_id");
        String id = request.param(account ? "account_id" : "zone_id");
        if (!Scope.isIdentifier(id)) {
            throw invalidIdentifier(request.path());
        }
        return account ? new Scope.Account(id) : new Scope.Zone(id);
    }

    /** The insight id the path names. */
    static String issueId(ApiRequest request) {
        String id = request.param("issue_id");
        if (!Insight.isValidId(id)) {
            throw invalidIdentifier(request.path());
        }
        return id;
    }

    static InvalidRequestException invalidIdentifier(String path) {
        return new InvalidRequestException(
                ErrorCode.INVALID_IDENTIFIER,
                "Could not route to " + Messages.quote(path) + ", perhaps your object identifier is invalid?");
    }
}
