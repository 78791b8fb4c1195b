package io.vigil.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every string in a document is checked where the parser meets it, and the error points at it. */
class StrictJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            escaped lone surrogate   | {"classification":"other","rationale":"a\\ud800b"}  | /rationale | rationale is not well-formed Unicode: a lone surrogate \\ud800 at character 2
            escaped low surrogate    | {"rationale":"\\udfff"}                              | /rationale | rationale is not well-formed Unicode: a lone surrogate \\udfff at character 1
            reversed pair            | {"rationale":"\\ude00\\ud83d"}                       | /rationale | rationale is not well-formed Unicode: a lone surrogate \\ude00 at character 1
            escaped noncharacter     | {"classification":"\\uFFFE"}                         | /classification | classification is not well-formed Unicode: the noncharacter U+FFFE at character 1
            astral noncharacter      | {"rationale":"ok \\ud83f\\udfff"}                    | /rationale | rationale is not well-formed Unicode: the noncharacter U+1FFFF at character 4
            FDD0 block               | {"rationale":"\\ufdd0"}                              | /rationale | rationale is not well-formed Unicode: the noncharacter U+FDD0 at character 1
            field name               | {"dismiss\\ufdef":true}                              | ``         | a field name in the request body is not well-formed Unicode: the noncharacter U+FDEF at character 8
            nested value             | {"payload":{"a":["x","\\ud800"]}}                   | /payload/a/1 | /payload/a/1 is not well-formed Unicode: a lone surrogate \\ud800 at character 1
            nested field name        | {"payload":{"\\uffff":1}}                            | /payload   | a field name in /payload is not well-formed Unicode: the noncharacter U+FFFF at character 1
            root string              | "\\ud800"                                            | ``         | request body is not well-formed Unicode: a lone surrogate \\ud800 at character 1
            escaped slash in name    | {"a/b":"\\ud800"}                                    | /a~1b      | a/b is not well-formed Unicode: a lone surrogate \\ud800 at character 1
            """)
    void escapedIllFormedStrings_areRefusedWithTheirPointer(
            String description, String body, String pointer, String message) {
        InvalidRequestException e = readAll(body.getBytes(StandardCharsets.UTF_8));
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_UNICODE);
        assertThat(e).hasMessage(message);
        assertThat(e.pointer()).isEqualTo(pointer);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            encoded surrogate in value | {"rationale":"a | ED A0 80 | "}   | /rationale | rationale is not well-formed Unicode: invalid UTF-8 at byte 16 of the request body (0xED 0xA0 0x80: an encoded surrogate)
            overlong in value          | {"rationale":"  | C0 AF    | "}    | /rationale | rationale is not well-formed Unicode: invalid UTF-8 at byte 15 of the request body (0xC0 0xAF: an overlong encoding)
            after an escaped quote     | {"r":"\\"       | C3 28    | "}    | /r         | r is not well-formed Unicode: invalid UTF-8 at byte 9 of the request body (0xC3 0x28: a sequence cut short)
            in a field name            | {"a             | FF       | ":1}  | ``         | a field name in the request body is not well-formed Unicode: invalid UTF-8 at byte 4 of the request body (0xFF: a byte that UTF-8 never uses)
            outside any string         | {"a":1          | F4 90 80 80 | }  | ``         | request body is not well-formed Unicode: invalid UTF-8 at byte 7 (0xF4 0x90 0x80 0x80: a code point above U+10FFFF)
            raw noncharacter           | {"rationale":"  | EF BF BF | "}    | /rationale | rationale is not well-formed Unicode: the noncharacter U+FFFF at character 1
            """)
    void rawIllFormedBytes_areRefusedWithThePointerOfTheStringTheyAreIn(
            String description, String before, String hex, String after, String pointer, String message) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(before.strip().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(UnicodeTest.bytes(hex));
        body.writeBytes(after.strip().getBytes(StandardCharsets.UTF_8));
        InvalidRequestException e = readAll(body.toByteArray());
        assertThat(e).hasMessage(message);
        assertThat(e.pointer()).isEqualTo(pointer);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_UNICODE);
    }

    @Test
    void readTree_goesThroughTheCheck_andWellFormedTextIsReadExactly() throws IOException {
        byte[] bad = "{\"payload\":{\"k\":[1,{\"deep\":\"\\ud800\"}]}}".getBytes(StandardCharsets.UTF_8);
        InvalidRequestException e = catchThrowableOfType(
                InvalidRequestException.class,
                () -> MAPPER.readTree(StrictJson.parser(JSON, bad, 0, bad.length, "line")));
        assertThat(e)
                .hasMessage("/payload/k/1/deep is not well-formed Unicode: a lone surrogate \\ud800 at character 1");

        String text = "{\"s\":\"é \\ud83d\\ude00 \uFFFD\"}";
        byte[] good = text.getBytes(StandardCharsets.UTF_8);
        JsonNode node = MAPPER.readTree(StrictJson.parser(JSON, good, 0, good.length, "line"));
        assertThat(node.path("s").asText()).isEqualTo("é \uD83D\uDE00 \uFFFD");
    }

    /**
     * Jackson refuses a lone surrogate in a member name itself, as a JSON syntax error, before this check could:
     * the body is refused all the same (as 1001 by the HTTP layer, as "not valid JSON" by the import).
     */
    @Test
    void loneSurrogateInAName_isRefusedByJacksonAsASyntaxError() {
        for (String body : new String[] {"{\"a\\ud800\":1}", "{\"a\\udc00\":1}"}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> {
                        try (JsonParser json = StrictJson.parser(JSON, bytes, 0, bytes.length, "request body")) {
                            while (json.nextToken() != null) {
                                json.getText();
                            }
                        }
                    })
                    .isInstanceOf(JsonParseException.class)
                    .hasMessageContaining("surrogate");
        }
    }

    private static InvalidRequestException readAll(byte[] body) {
        return catchThrowableOfType(InvalidRequestException.class, () -> {
            try (JsonParser json = StrictJson.parser(JSON, body, 0, body.length, "request body")) {
                while (json.nextToken() != null) {
                    json.getText();
                }
            }
        });
    }
}
