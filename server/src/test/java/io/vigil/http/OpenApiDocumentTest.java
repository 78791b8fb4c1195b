package io.vigil.http;

import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /client/v4/openapi.json}: public, and exactly the routes the server serves. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "patch", "post", "delete", "head", "options");

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static JsonNode document;

    @BeforeAll
    static void fetchDocument() {
        Reply reply = server.send("GET", "/openapi.json", null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).contains("application/json");
        document = reply.json();
    }

    @Test
    void document_isOpenApi3_servedWithoutACredential() {
        assertThat(document.path("openapi").asText()).startsWith("3.0.");
        assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo("/client/v4");
    }

    @Test
    void document_listsEveryRouteTheServerServes_andNothingElse() {
        Set<String> served = new TreeSet<>();
        server.routes().forEach(route -> served.add(route.method() + " " + route.pattern()));
        assertThat(operations()).isEqualTo(served);
    }

    @Test
    void everyOperation_hasAnIdAndAnswersFor200And4xx() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String name = op.getKey() + " " + path.getKey();
                assertThat(op.getValue().path("operationId").asText()).as(name).isNotEmpty();
                assertThat(op.getValue().path("responses").has("200")).as(name).isTrue();
                assertThat(op.getValue().path("responses").has("4XX")).as(name).isTrue();
                ids.add(op.getValue().path("operationId").asText());
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void deprecatedAliases_areMarkedDeprecated() {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                assertThat(op.getValue().path("deprecated").asBoolean())
                        .as(path.getKey())
                        .isEqualTo(path.getKey().contains("/intel/attack-surface-report/"));
            }
        }
    }

    @Test
    void queryParameters_areRefused() {
        assertThat(server.send("GET", "/openapi.json?x=1", null))
                .failsWith(400, 1010, "unknown query parameter 'x'; this endpoint takes no query parameters");
    }

    private static Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    operations.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }
}
