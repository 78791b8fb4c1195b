package io.vigil.hardening;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.auth.Permission;
import io.vigil.hardening.BadInputCorpusTest.Case;
import io.vigil.testing.Insights;
import io.vigil.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 21: {@code {"classification":"other","rationale":"a\ud800b"}} answered 200 and the audit log then showed
 * {@code "a?b"}: what was stored was not what the client sent. And a request with 300 header fields got no
 * answer at all. Over raw sockets, on SQLite and PostgreSQL: such strings are refused wherever they are sent,
 * a well-formed one is stored exactly, and 300 fields are Vigil's 431.
 */
class Issue21Test {
    private static final String INSIGHTS = "/client/v4/accounts/" + ACCOUNT + "/security-center/insights";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String token;

    @BeforeAll
    static void seed() {
        token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.seed(Insights.inAccount("issue-21", ACCOUNT), Insights.inAccount("issue-21-stored", ACCOUNT));
    }

    @Test
    void theIssuesRequest_loneSurrogateInTheRationale_isA400AndNothingIsStored() throws IOException {
        JsonNode error = patch(
                "issue-21",
                "{\"classification\":\"other\",\"rationale\":\"a\\ud800b\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(error.path("code").asInt()).isEqualTo(1014);
        assertThat(error.path("message").asText())
                .isEqualTo("rationale is not well-formed Unicode: a lone surrogate \\ud800 at character 2");
        assertThat(error.path("source").path("pointer").asText()).isEqualTo("/rationale");
        assertThat(server.insight(ACCOUNT, "issue-21").orElseThrow().classification())
                .isNull();
        assertThat(server.auditTrail("issue-21")).isEmpty();
    }

    @Test
    void encodedSurrogateOrRawNoncharacterInTheRationale_isA400AndNothingIsStored() throws IOException {
        JsonNode surrogate = patch("issue-21", rationale(new byte[] {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        assertThat(surrogate.path("message").asText())
                .isEqualTo("rationale is not well-formed Unicode: invalid UTF-8 at byte 41 of the request body"
                        + " (0xED 0xA0 0x80: an encoded surrogate)");
        JsonNode noncharacter = patch("issue-21", rationale(new byte[] {'a', (byte) 0xEF, (byte) 0xBF, (byte) 0xBF}));
        assertThat(noncharacter.path("message").asText())
                .isEqualTo("rationale is not well-formed Unicode: the noncharacter U+FFFF at character 2");
        assertThat(server.auditTrail("issue-21")).isEmpty();
    }

    @Test
    void wellFormedRationale_isStoredAndAuditedExactlyAsSent() throws IOException {
        String sent = "caf\u00e9 \uD83D\uDE00 \uFFFD \u20ac \uD800\uDC00 end";
        String response = BadInputCorpusTest.send(
                server.port(),
                new Case(
                                "well-formed",
                                "PATCH",
                                INSIGHTS + "/issue-21-stored/classification",
                                List.of("Content-Type: application/json", "Authorization: Bearer " + token),
                                ("{\"classification\":\"other\",\"rationale\":\"" + sent + "\"}")
                                        .getBytes(StandardCharsets.UTF_8))
                        .wire());
        assertThat(response).startsWith("HTTP/1.1 200 ");
        assertThat(server.auditTrail("issue-21-stored").get(0).rationale()).isEqualTo(sent);
        String audit = BadInputCorpusTest.send(
                server.port(),
                new Case(
                                "audit",
                                "GET",
                                INSIGHTS + "/issue-21-stored/audit-log",
                                List.of("Authorization: Bearer " + token),
                                new byte[0])
                        .wire());
        JsonNode entry = JSON.readTree(audit.substring(audit.indexOf("\r\n\r\n") + 4))
                .path("result")
                .get(0);
        assertThat(entry.path("rationale").asText()).isEqualTo(sent);
    }

    @Test
    void illFormedQueryValue_isA400NamingTheParameter() throws IOException {
        JsonNode error = get(INSIGHTS + "?subject=a%ED%A0%80");
        assertThat(error.path("code").asInt()).isEqualTo(1014);
        assertThat(error.path("message").asText())
                .isEqualTo("query parameter 'subject' is not well-formed Unicode: invalid UTF-8 at byte 2"
                        + " (0xED 0xA0 0x80: an encoded surrogate)");
        assertThat(get(INSIGHTS + "?%EF%B7%90=1").path("message").asText())
                .isEqualTo("a query parameter name is not well-formed Unicode: the noncharacter U+FDD0 at character 1");
    }

    @Test
    void rawUtf8InTheQuery_isReadAsUtf8_notAsLatin1() throws IOException {
        String response = BadInputCorpusTest.send(
                server.port(),
                new Case(
                                "raw é",
                                "GET",
                                INSIGHTS + "?subject=caf\u00c3\u00a9",
                                List.of("Authorization: Bearer " + token),
                                new byte[0])
                        .wire());
        assertThat(response).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void emailHeaderThatIsNotUtf8_isAnInvalidHeader_andOneThatIs_authenticates() throws IOException {
        String key = server.user("jos\u00e9@example.com", Set.of(ACCOUNT));
        String target = INSIGHTS + "/issue-21-stored/audit-log";
        String invalid = BadInputCorpusTest.send(
                server.port(),
                new Case(
                                "bad email",
                                "GET",
                                target,
                                List.of("X-Auth-Email: jos\u00e9@example.com", "X-Auth-Key: " + key),
                                new byte[0])
                        .wire());
        assertThat(invalid).startsWith("HTTP/1.1 400 ").contains("\"code\":6102");
        String valid = BadInputCorpusTest.send(
                server.port(),
                new Case(
                                "good email",
                                "GET",
                                target,
                                List.of("X-Auth-Email: jos\u00c3\u00a9@example.com", "X-Auth-Key: " + key),
                                new byte[0])
                        .wire());
        assertThat(valid).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void threeHundredHeaderFields_areA431Envelope() throws IOException {
        List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + token));
        for (int i = 0; i < 296; i++) { // with Host, Authorization, Content-Length and Connection: 300
            headers.add("X-Field-" + i + ": v");
        }
        String response =
                BadInputCorpusTest.send(server.port(), new Case("300", "GET", INSIGHTS, headers, new byte[0]).wire());
        assertThat(response)
                .startsWith("HTTP/1.1 431 ")
                .endsWith(
                        "{\"errors\":[{\"code\":1013,\"message\":\"request has 300 header fields; the limit is 100\"}],"
                                + "\"messages\":[],\"success\":false,\"result\":null}");
    }

    private static byte[] rationale(byte[] raw) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"classification\":\"other\",\"rationale\":\"".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(raw);
        body.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** The one error of a refused PATCH …/classification. */
    private static JsonNode patch(String id, byte[] body) throws IOException {
        return error(BadInputCorpusTest.send(
                server.port(),
                new Case(
                                "patch",
                                "PATCH",
                                INSIGHTS + "/" + id + "/classification",
                                List.of("Content-Type: application/json", "Authorization: Bearer " + token),
                                body)
                        .wire()));
    }

    private static JsonNode get(String target) throws IOException {
        return error(BadInputCorpusTest.send(
                server.port(),
                new Case("get", "GET", target, List.of("Authorization: Bearer " + token), new byte[0]).wire()));
    }

    private static JsonNode error(String response) throws IOException {
        assertThat(response).startsWith("HTTP/1.1 400 ");
        return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4))
                .path("errors")
                .get(0);
    }
}
