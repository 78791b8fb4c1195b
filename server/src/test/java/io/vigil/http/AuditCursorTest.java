package io.vigil.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.error.InvalidRequestException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditCursorTest {
    private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
    private final AuditCursor cursors = new AuditCursor(KEY);
    private final UUID id = UUID.fromString("01a211c4-cfa3-721f-9d4b-8ec66b8692d4");

    @Test
    void decode_ofEncode_givesTheIdBack() {
        assertThat(cursors.decode(cursors.encode(id, "q"), "q")).isEqualTo(id);
    }

    @Test
    void decode_everySingleCharacterChange_isRefused() {
        String cursor = cursors.encode(id, "q");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < cursor.length(); i++) {
            for (int a = 0; a < alphabet.length(); a++) {
                char c = alphabet.charAt(a);
                if (c == cursor.charAt(i)) {
                    continue;
                }
                String forged = cursor.substring(0, i) + c + cursor.substring(i + 1);
                assertThatThrownBy(() -> cursors.decode(forged, "q"))
                        .as(forged)
                        .isInstanceOf(InvalidRequestException.class);
            }
        }
    }

    @Test
    void decode_withAnotherQueryOrKey_isRefused() {
        String cursor = cursors.encode(id, "q");
        assertThatThrownBy(() -> cursors.decode(cursor, "other")).isInstanceOf(InvalidRequestException.class);
        AuditCursor otherKey = new AuditCursor(KEY.replace('0', '1'));
        assertThatThrownBy(() -> otherKey.decode(cursor, "q")).isInstanceOf(InvalidRequestException.class);
    }
}
