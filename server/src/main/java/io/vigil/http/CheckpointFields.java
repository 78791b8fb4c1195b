package io.vigil.http;

import io.vigil.seal.Checkpoint;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checkpoint as JSON fields, in one shape wherever one is shown: the seals and proof routes, and the {@code
 * audit.checkpoint} webhook's {@code data}.
 */
public final class CheckpointFields {
    private CheckpointFields() {}

    /** {@code seal}, {@code size}, {@code hash} (hex), {@code time}, {@code key_id}, {@code signature} (base64), {@code text}. */
    public static Map<String, Object> of(Checkpoint checkpoint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("seal", checkpoint.seal());
        fields.put("size", checkpoint.size());
        fields.put("hash", HexFormat.of().formatHex(checkpoint.hash()));
        fields.put("time", checkpoint.time().toString());
        fields.put("key_id", checkpoint.keyId());
        fields.put("signature", Base64.getEncoder().encodeToString(checkpoint.signature()));
        fields.put("text", checkpoint.text());
        return fields;
    }
}
