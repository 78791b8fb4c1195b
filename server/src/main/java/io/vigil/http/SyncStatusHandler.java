package io.vigil.http;

import io.vigil.auth.Principal;
import io.vigil.sync.SyncLog;
import io.vigil.tenant.Scope;
import java.util.Optional;
import java.util.Set;

/** {@code GET /vigil/accounts/{account_id}/sync}: how the account's last scheduled sync went, for the console. */
record SyncStatusHandler(SyncLog log) {
    ApiResponse status(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        Optional<String> last = log.lastResult(scope.id());
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            if (last.isPresent()) {
                json.writeStringField("last_run", last.get());
            } else {
                json.writeNullField("last_run");
            }
            json.writeEndObject();
        }));
    }
}
