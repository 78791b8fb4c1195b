package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bad body, header and content type gets its documented 4xx and changes nothing: the insight
 * under test starts as {@code false_positive} and must still be, with its one audit entry, afterwards.
 */
class BadInputTest {
    private static final String ID = "bad-input-target";
    private static final String PATH = "/accounts/" + ACCOUNT + "/security-center/insights/" + ID + "/classification";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String token;

    @BeforeAll
    static void seed() {
        token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.seed(Insights.inAccount(ID, ACCOUNT));
        assertThat(server.classify("/accounts/" + ACCOUNT, ID, "{\"classification\":\"false_positive\"}", token))
                .succeedsWithSeedEnvelope();
    }

    @AfterAll
    static void nothingChanged() {
        assertUnchanged();
    }

    private static void assertUnchanged() {
        assertThat(server.insight(ACCOUNT, ID).orElseThrow().classification()).hasToString("FALSE_POSITIVE");
        assertThat(server.auditTrail(ID)).hasSize(1);
    }

    private static Reply patch(byte[] body, String contentType) {
        return server.sendBytes("PATCH", PATH, body, "Content-Type", contentType, "Authorization", "Bearer " + token);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            empty body                | ''                                                   | 1001 | request body is empty; expected a JSON object | ''
            truncated JSON            | {"classification":                                   | 1001 | request body is not valid JSON (line 1, column 19) | ''
            not JSON                  | classification=other                                 | 1001 | request body is not valid JSON (line 1, column 1) | ''
            trailing garbage          | {"classification":null} x                            | 1001 | request body is not valid JSON (line 1, column 25) | ''
            two objects               | {"classification":null}{}                            | 1001 | request body has content after the JSON object | ''
            duplicate key             | {"classification":null,"classification":"other"}     | 1001 | field 'classification' appears more than once | /classification
            array body                | [{"classification":null}]                            | 1002 | request body must be a JSON object, not an array | ''
            string body               | "false_positive"                                     | 1002 | request body must be a JSON object, not a string | ''
            null body                 | null                                                 | 1002 | request body must be a JSON object, not null | ''
            empty object              | {}                                                   | 1003 | classification is required: one of 'false_positive', 'accept_risk', 'other', or null to reset | /classification
            rationale only            | {"rationale":"why"}                                  | 1003 | classification is required: one of 'false_positive', 'accept_risk', 'other', or null to reset | /classification
            number                    | {"classification":1}                                 | 1002 | classification must be 'false_positive', 'accept_risk', 'other' or null, not a number | /classification
            boolean                   | {"classification":true}                              | 1002 | classification must be 'false_positive', 'accept_risk', 'other' or null, not a boolean | /classification
            object                    | {"classification":{"v":1}}                           | 1002 | classification must be 'false_positive', 'accept_risk', 'other' or null, not an object | /classification
            unknown enum value        | {"classification":"FALSE_POSITIVE"}                  | 1002 | classification must be 'false_positive', 'accept_risk', 'other' or null; got 'FALSE_POSITIVE' | /classification
            empty enum value          | {"classification":""}                                | 1002 | classification must be 'false_positive', 'accept_risk', 'other' or null; got '' | /classification
            rationale number          | {"classification":null,"rationale":42}               | 1002 | rationale must be a string or null, not a number | /rationale
            rationale array           | {"classification":null,"rationale":["a"]}            | 1002 | rationale must be a string or null, not an array | /rationale
            rationale NUL             | {"classification":null,"rationale":"a\\u0000b"}       | 1002 | rationale must not contain control characters; found U+0000 | /rationale
            accept_risk no rationale  | {"classification":"accept_risk"}                     | 1004 | rationale is required when classification is 'accept_risk' | /rationale
            other blank rationale     | {"classification":"other","rationale":"   "}         | 1004 | rationale must not be blank when classification is 'other' | /rationale
            other null rationale      | {"classification":"other","rationale":null}          | 1004 | rationale is required when classification is 'other' | /rationale
            unknown field             | {"classification":null,"dismissed":true}             | 1006 | unknown field 'dismissed'; the body takes 'classification', 'rationale' and 'expires_on' | /dismissed
            unknown field with slash  | {"a/b~c":1}                                          | 1006 | unknown field 'a/b~c'; the body takes 'classification', 'rationale' and 'expires_on' | /a~1b~0c
            """)
    void patch_badBody_isA400WithItsCodeAndChangesNothing(
            String description, String body, int code, String message, String pointer) {
        Reply reply = patch(body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(reply).failsWith(400, code, message).atPointer(pointer);
        assertUnchanged();
    }

    @Test
    void patch_invalidUtf8InTheRationale_isMalformedUnicodeAtItsPointer() {
        byte[] body = {
            '{', '"', 'r', 'a', 't', 'i', 'o', 'n', 'a', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'
        };
        assertThat(patch(body, "application/json"))
                .failsWith(
                        400,
                        1014,
                        "rationale is not well-formed Unicode: invalid UTF-8 at byte 15 of the request body"
                                + " (0xC3 0x28: a sequence cut short)")
                .atPointer("/rationale");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            lone high surrogate       | {"classification":null,"rationale":"a\\ud800b"}    | 1014 | rationale is not well-formed Unicode: a lone surrogate \\ud800 at character 2 | /rationale
            lone low surrogate        | {"classification":null,"rationale":"\\udc00"}      | 1014 | rationale is not well-formed Unicode: a lone surrogate \\udc00 at character 1 | /rationale
            noncharacter U+FFFE       | {"classification":null,"rationale":"x\\ufffe"}     | 1014 | rationale is not well-formed Unicode: the noncharacter U+FFFE at character 2 | /rationale
            noncharacter U+FDD0       | {"classification":"\\ufdd0"}                       | 1014 | classification is not well-formed Unicode: the noncharacter U+FDD0 at character 1 | /classification
            astral noncharacter       | {"classification":null,"rationale":"\\ud87f\\udffe"} | 1014 | rationale is not well-formed Unicode: the noncharacter U+2FFFE at character 1 | /rationale
            noncharacter in a name    | {"classification":null,"\\uffff":1}                | 1014 | a field name in the request body is not well-formed Unicode: the noncharacter U+FFFF at character 1 | ``
            lone surrogate in a name  | {"classification":null,"a\\ud800":1}               | 1001 | request body is not valid JSON (line 1, column 32) | ``
            """)
    void patch_stringThatIsNotWellFormedUnicode_isA400NamingIt(
            String description, String body, int code, String message, String pointer) {
        assertThat(patch(body.getBytes(StandardCharsets.UTF_8), "application/json"))
                .failsWith(400, code, message)
                .atPointer(pointer);
        assertUnchanged();
    }

    /**
     * Issue 15: the dismiss body was read by a copy of the object reader whose messages had drifted ("must be
     * a JSON object" without what it got; no line and column). Both bodies now share one reader.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            array body        | [true]                        | 1002 | request body must be a JSON object, not an array | ``
            truncated JSON    | {"dismiss":                   | 1001 | request body is not valid JSON (line 1, column 12) | ``
            two objects       | {"dismiss":true}{}            | 1001 | request body has content after the JSON object | ``
            duplicate key     | {"dismiss":true,"dismiss":false} | 1001 | field 'dismiss' appears more than once | /dismiss
            unknown field     | {"dismissed":true}            | 1006 | unknown field 'dismissed'; the body takes 'dismiss' | /dismissed
            not a boolean     | {"dismiss":"yes"}             | 1002 | dismiss must be true or false | /dismiss
            """)
    void dismiss_badBody_isRefusedAsTheClassificationBodyIs(
            String description, String body, int code, String message, String pointer) {
        String path = "/accounts/" + ACCOUNT + "/security-center/insights/" + ID + "/dismiss";
        assertThat(server.send(
                        "PUT", path, body, "Content-Type", "application/json", "Authorization", "Bearer " + token))
                .failsWith(400, code, message)
                .atPointer(pointer);
        assertThat(server.send(
                                "GET",
                                "/accounts/" + ACCOUNT + "/security-center/insights?dismissed=true",
                                null,
                                "Authorization",
                                "Bearer " + token)
                        .json()
                        .path("result")
                        .path("count")
                        .asInt())
                .isZero();
    }

    @Test
    void patch_rationaleOverTheLimit_isRejectedWithItsLength() {
        String body = "{\"classification\":\"other\",\"rationale\":\"" + "r".repeat(5000) + "\"}";
        assertThat(patch(body.getBytes(StandardCharsets.UTF_8), "application/json"))
                .failsWith(400, 1005, "rationale is 5000 characters long; the limit is 4096")
                .atPointer("/rationale");
    }

    @Test
    void patch_bodyOverTheLimit_isTooLarge() {
        byte[] body = ("{\"classification\":null,\"rationale\":\"" + "r".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(patch(body, "application/json")).failsWith(413, 1008, "request body is larger than 65536 bytes");
    }

    @Test
    void patch_deeplyNestedUnknownField_isRejectedNotCrashed() {
        String body = "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThat(patch(body.getBytes(StandardCharsets.UTF_8), "application/json")
                        .status())
                .isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            text/plain                        | Content-Type must be application/json (UTF-8); got 'text/plain'
            application/x-www-form-urlencoded | Content-Type must be application/json (UTF-8); got 'application/x-www-form-urlencoded'
            application/json; charset=latin1  | Content-Type must be application/json (UTF-8); got 'application/json; charset=latin1'
            """)
    void patch_wrongContentType_isUnsupportedMediaType(String contentType, String message) {
        assertThat(patch("{\"classification\":null}".getBytes(StandardCharsets.UTF_8), contentType))
                .failsWith(415, 1007, message);
    }

    @Test
    void patch_contentTypeWithUtf8CharsetInAnyCase_isAccepted() {
        assertThat(patch(
                        "{\"classification\":\"false_positive\"}".getBytes(StandardCharsets.UTF_8),
                        "Application/JSON; Charset=UTF-8"))
                .succeedsWithSeedEnvelope();
    }

    @Test
    void patch_noContentType_isUnsupportedMediaType() {
        Reply reply = server.send("PATCH", PATH, "{\"classification\":null}", "Authorization", "Bearer " + token);
        assertThat(reply).failsWith(415, 1007, "Content-Type must be application/json; none was sent");
    }

    @Test
    void patch_authorizationHeaderTwice_isAnInvalidHeadersError() {
        Reply reply = server.send(
                "PATCH",
                PATH,
                "{\"classification\":null}",
                "Content-Type",
                "application/json",
                "Authorization",
                "Bearer " + token,
                "Authorization",
                "Bearer " + token);
        assertThat(reply).failsWith(400, 6003, "Invalid request headers: Authorization must be sent once, not 2 times");
    }
}
