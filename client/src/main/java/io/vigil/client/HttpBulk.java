package io.vigil.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.client.vigil.Bulk;
import io.vigil.client.vigil.BulkClassification;
import io.vigil.client.vigil.BulkDismissal;
import io.vigil.client.vigil.BulkOutcome;
import io.vigil.client.vigil.BulkSelection;
import org.jspecify.annotations.Nullable;

/** {@link Bulk} over the client's transport: {@code POST …/insights/bulk/classification} and {@code …/dismiss}. */
final class HttpBulk implements Bulk {
    private final Http http;
    private final String path;

    HttpBulk(Http http, String path) {
        this.http = http;
        this.path = path;
    }

    @Override
    public BulkOutcome classify(BulkClassification request) {
        ObjectNode body = selection(request.selection());
        if (request.classification() == null) {
            body.putNull("classification");
        } else {
            body.put("classification", request.classification().wireName());
        }
        if (request.rationale() != null) {
            body.put("rationale", request.rationale());
        }
        if (request.expiresOn() != null) {
            body.put("expires_on", request.expiresOn().toString());
        }
        return send("/classification", body, request.dryRun(), request.ifUnchangedSince());
    }

    @Override
    public BulkOutcome dismiss(BulkDismissal request) {
        ObjectNode body = selection(request.selection()).put("dismiss", request.dismiss());
        return send("/dismiss", body, request.dryRun(), request.ifUnchangedSince());
    }

    private BulkOutcome send(String route, ObjectNode body, boolean dryRun, @Nullable String ifUnchangedSince) {
        if (dryRun) {
            body.put("dry_run", true);
        }
        if (ifUnchangedSince != null) {
            body.put("if_unchanged_since", ifUnchangedSince);
        }
        Call call = Call.post(path + route, body);
        // A dry run changes nothing, so it may be sent again; an applied bulk may not (Call says why).
        return Json.read(http.result(dryRun ? call.asRepeatable() : call), BulkOutcome.class);
    }

    private static ObjectNode selection(BulkSelection selection) {
        ObjectNode body = Json.object();
        if (selection.filter() != null) {
            body.put("filter", selection.filter());
        } else {
            selection.ids().forEach(body.putArray("ids")::add);
        }
        return body;
    }
}
