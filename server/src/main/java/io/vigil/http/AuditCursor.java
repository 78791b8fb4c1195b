package io.vigil.http;

import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-checked audit-log cursors: the id of the last entry served, signed (HMAC-SHA256) together
 * with the query it belongs to. A cursor that was altered, forged, or replayed with other filters is
 * refused with a 400, never followed. The key lives in the database, so every node accepts every node's
 * cursors. Thread-safe.
 */
final class AuditCursor {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int TAG_BYTES = 16;

    private final SecretKeySpec key;

    /** @param hexKey the {@code cursor_key} setting: 64 hex characters */
    AuditCursor(String hexKey) {
        this.key = new SecretKeySpec(HexFormat.of().parseHex(hexKey), "HmacSHA256");
    }

    /** The cursor that continues {@code query} after the entry {@code lastId}. */
    String encode(UUID lastId, String query) {
        byte[] id = bytes(lastId);
        return ENCODER.encodeToString(id) + "." + ENCODER.encodeToString(tag(id, query));
    }

    /**
     * The entry id a cursor continues after.
     *
     * @throws InvalidRequestException if the cursor was not made by this server for {@code query}
     */
    UUID decode(String cursor, String query) {
        int dot = cursor.indexOf('.');
        if (dot < 0 || cursor.length() > 100) {
            throw invalid();
        }
        byte[] id;
        byte[] tag;
        try {
            id = DECODER.decode(cursor.substring(0, dot));
            tag = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        boolean canonical = ENCODER.encodeToString(id).equals(cursor.substring(0, dot))
                && ENCODER.encodeToString(tag).equals(cursor.substring(dot + 1));
        if (id.length != 16 || !canonical || !MessageDigest.isEqual(tag, tag(id, query))) {
            throw invalid();
        }
        ByteBuffer buffer = ByteBuffer.wrap(id);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private byte[] tag(byte[] id, String query) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(id);
            mac.update(query.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException(
                ErrorCode.INVALID_CURSOR,
                "cursor is not valid for this query: pass back result_info.cursor unchanged, with the same filters");
    }
}
