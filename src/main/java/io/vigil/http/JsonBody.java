package io.vigil.http;

import com.fasterxml.jackson.core.JsonParser;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Opens a parser on a request body that must be UTF-8. Decoding first, strictly, keeps Jackson from
 * guessing UTF-16 or UTF-32 from the first bytes (and failing in ways that are not parse errors).
 */
final class JsonBody {
    private JsonBody() {}

    static JsonParser parser(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException(ErrorCode.MALFORMED_JSON, "request body is not valid UTF-8", "");
        }
        try {
            return Envelope.JSON.createParser(text);
        } catch (IOException e) {
            throw new UncheckedIOException("opening a parser on a string cannot fail", e);
        }
    }
}
