package io.vigil.http;

import io.vigil.auth.Principal;
import io.vigil.scan.RecentScans;
import io.vigil.scan.Scan;
import io.vigil.scan.Scans;
import io.vigil.tenant.Scope;
import java.util.Set;

/**
 * {@code POST} and {@code GET …/security-center/insights/scans} on accounts and zones: start an on-demand scan,
 * list the recent ones with the account's quota, in Cloudflare's shapes ({@code newScanResponse}, {@code
 * scansListResponse}).
 */
record ScansHandler(Scans scans) {
    ApiResponse start(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        Scan scan = scans.start(scope, ScanBody.parse(request.optionalJsonBody()), principal.actor());
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            json.writeStringField("scan_id", scan.id());
            json.writeEndObject();
        }));
    }

    ApiResponse list(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        RecentScans recent = scans.recent(scope);
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("scans");
            for (Scan scan : recent.scans()) {
                json.writeStartObject();
                json.writeStringField("scan_id", scan.id());
                json.writeStringField("started_at", scan.startedAt().toString());
                json.writeStringField("status", scan.status().wireName());
                if (scan.reason() != null) { // a Vigil extension, on failed scans only
                    json.writeStringField("failure", scan.reason());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("quota");
            json.writeNumberField("used", recent.quota().used());
            json.writeNumberField("available", recent.quota().available());
            json.writeEndObject();
            json.writeEndObject();
        }));
    }
}
