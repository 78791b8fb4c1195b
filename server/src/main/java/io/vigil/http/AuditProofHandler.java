package io.vigil.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.audit.AuditEntry;
import io.vigil.auth.Principal;
import io.vigil.seal.AuditProofs;
import io.vigil.seal.Checkpoint;
import io.vigil.seal.InclusionProof;
import io.vigil.seal.Seal;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Vigil's extension routes for the sealed change log (docs/extensions.md): the newest signed checkpoint, and
 * the inclusion proof of one entry, so that a client can check an entry it was shown is in the sealed log.
 */
record AuditProofHandler(AuditProofs proofs) {
    private static final HexFormat HEX = HexFormat.of();

    /** {@code GET /vigil/audit/checkpoint}. */
    ApiResponse checkpoint(ApiRequest request, Principal principal) {
        request.query(Set.of());
        Checkpoint checkpoint = proofs.checkpoint();
        String publicKey = proofs.publicKey();
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            writeCheckpoint(json, checkpoint);
            json.writeStringField("public_key", publicKey);
            json.writeEndObject();
        }));
    }

    /** The most seals one answer lists. */
    static final int MAX_SEALS = 1_000;

    /**
     * {@code GET /vigil/audit/seals?from=N&per_page=M}: the seals from number {@code from} (1) on, at most
     * {@code per_page} (100, at most {@value #MAX_SEALS}); {@code result_info.next_from} is where the next page
     * starts, absent after the last seal.
     */
    ApiResponse seals(ApiRequest request, Principal principal) {
        QueryParams query = request.query(Set.of("from", "per_page"));
        int from = query.integer("from", 1, Integer.MAX_VALUE - 1);
        int perPage = query.integer("per_page", 100, MAX_SEALS);
        List<Seal> page = proofs.seals(from, perPage + 1);
        boolean more = page.size() > perPage;
        List<Seal> shown = more ? page.subList(0, perPage) : page;
        return ApiResponse.ok(Envelope.success(
                json -> {
                    json.writeStartArray();
                    for (Seal seal : shown) {
                        json.writeStartObject();
                        json.writeNumberField("number", seal.number());
                        json.writeNumberField("first_position", seal.firstPosition());
                        json.writeNumberField("last_position", seal.lastPosition());
                        json.writeStringField("merkle_root", HEX.formatHex(seal.merkleRoot()));
                        json.writeNumberField("sealed_at_ms", seal.sealedAt().toEpochMilli());
                        json.writeObjectFieldStart("checkpoint");
                        writeCheckpoint(json, seal.checkpoint());
                        json.writeEndObject();
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                },
                json -> {
                    json.writeNumberField("count", shown.size());
                    if (more) {
                        json.writeNumberField("next_from", page.get(perPage).number());
                    }
                }));
    }

    /** {@code GET /vigil/{accounts|zones}/{id}/audit/entries/{entry_id}/proof}. */
    ApiResponse proof(ApiRequest request, Scope scope, Principal principal) {
        request.query(Set.of());
        UUID id = entryId(request);
        InclusionProof proof = proofs.proof(scope, id);
        return ApiResponse.ok(Envelope.success(json -> {
            json.writeStartObject();
            writeEntry(json, proof.entry());
            json.writeNumberField("position", proof.position());
            json.writeStringField("leaf_hash", HEX.formatHex(proof.leafHash()));
            json.writeNumberField("leaf_index", proof.leafIndex());
            json.writeNumberField("tree_size", proof.treeSize());
            json.writeArrayFieldStart("audit_path");
            for (byte[] hash : proof.auditPath()) {
                json.writeString(HEX.formatHex(hash));
            }
            json.writeEndArray();
            Seal seal = proof.seal();
            json.writeObjectFieldStart("seal");
            json.writeNumberField("number", seal.number());
            json.writeNumberField("first_position", seal.firstPosition());
            json.writeNumberField("last_position", seal.lastPosition());
            json.writeStringField("merkle_root", HEX.formatHex(seal.merkleRoot()));
            json.writeStringField("previous_hash", HEX.formatHex(proof.previousHash()));
            json.writeNumberField("sealed_at_ms", seal.sealedAt().toEpochMilli());
            json.writeEndObject();
            json.writeObjectFieldStart("checkpoint");
            writeCheckpoint(json, seal.checkpoint());
            json.writeEndObject();
            json.writeEndObject();
        }));
    }

    private static UUID entryId(ApiRequest request) {
        String value = request.param("entry_id");
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equals(value)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // refused below, as any other identifier that is not one
        }
        throw PathIds.invalidIdentifier(request.path());
    }

    /** The entry's fields exactly as hashed into its leaf (docs/extensions.md says how). */
    private static void writeEntry(JsonGenerator json, AuditEntry entry) throws IOException {
        json.writeObjectFieldStart("entry");
        EntryJson.writeFields(json, entry, EntryJson.Shape.LEAF);
        json.writeEndObject();
    }

    private static void writeCheckpoint(JsonGenerator json, Checkpoint checkpoint) throws IOException {
        for (Map.Entry<String, Object> field : CheckpointFields.of(checkpoint).entrySet()) {
            json.writeObjectField(field.getKey(), field.getValue());
        }
    }
}
