package io.vigil.http;

import io.vigil.auth.Principal;
import io.vigil.seal.AuditProofs;
import io.vigil.seal.KeyChain;
import io.vigil.seal.KeyChange;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * {@code GET /vigil/audit/keys}: the keys that have signed the change log's seals, so that a client that pinned the
 * first key (or any later one) can check each hand-over itself and trust the key that signs now
 * (docs/extensions.md, "Rotating the signing key").
 */
record AuditKeysHandler(AuditProofs proofs) {
    ApiResponse keys(ApiRequest request, Principal principal) {
        request.query(Set.of());
        KeyChain keys = proofs.keys();
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            json.writeStringField("first_key_id", keys.first().id());
            json.writeStringField("first_key", keys.first().pem());
            json.writeStringField("current_key_id", keys.current().id());
            json.writeArrayFieldStart("changes");
            for (KeyChange change : keys.changes()) {
                json.writeStartObject();
                json.writeNumberField("change", change.number());
                json.writeStringField("from_key_id", change.fromKeyId());
                json.writeStringField("to_key_id", change.toKeyId());
                json.writeStringField("public_key", change.to().pem());
                json.writeNumberField("after_seal", change.afterSeal());
                json.writeStringField("after_hash", change.afterHash());
                json.writeStringField("time", change.time().toString());
                json.writeStringField("text", new String(change.body(), StandardCharsets.UTF_8));
                json.writeStringField("from_signature", change.fromSignature());
                json.writeStringField("to_signature", change.toSignature());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }));
    }
}
