package io.vigil.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator itself: OpenAPI 3.0 as the specification says, on Cloudflare's document and small ones. */
class OpenApiContractTest {
    private static final OpenApiContract CLOUDFLARE = OpenApiContract.fromResource(OpenApiContract.CLOUDFLARE_INSIGHTS);
    private static final String JSON = "application/json";

    private static Operation operation(String method, String path) {
        return CLOUDFLARE.match(method, path).orElseThrow();
    }

    private static final Operation LIST = operation("GET", "/zones/z/security-center/insights");
    private static final Operation AUDIT_LOG = operation("GET", "/zones/z/security-center/insights/audit-log");

    private static String list(String issue) {
        return "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":{\"count\":1,\"issues\":[" + issue
                + "],\"page\":1,\"per_page\":25}}";
    }

    private static String failure(int code) {
        return "{\"success\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"m\",\"source\":{\"pointer\":\"\"},"
                + "\"error_chain\":[{\"code\":6111,\"message\":\"c\"}]}],\"messages\":[],\"result\":null}";
    }

    private static List<String> pointers(List<Violation> violations) {
        return violations.stream().map(v -> v.pointer() + " " + v.keyword()).toList();
    }

    @Test
    void document_hasTheExtractsTwentySevenOperations() {
        assertThat(CLOUDFLARE.operations()).hasSize(27);
    }

    @Test
    void match_concretePath_findsItsTemplate_literalSegmentsBeforeParameters() {
        assertThat(operation("GET", "/accounts/a/security-center/insights/audit-log?per_page=1")
                        .template())
                .isEqualTo("/accounts/{account_id}/security-center/insights/audit-log");
        assertThat(operation("GET", "/accounts/a/security-center/insights/i/audit-log")
                        .template())
                .isEqualTo("/accounts/{account_id}/security-center/insights/{issue_id}/audit-log");
        assertThat(CLOUDFLARE.match("DELETE", "/accounts/a/security-center/insights"))
                .isEmpty();
        assertThat(CLOUDFLARE.match("GET", "/zones/z/security-center/insights/i/context"))
                .isEmpty();
    }

    @Test
    void check_nullableEnum_acceptsNullButNoOtherValueOutsideTheEnum() {
        assertThat(CLOUDFLARE.check(LIST, 200, JSON, list("{\"user_classification\":null}")))
                .isEmpty();
        assertThat(pointers(CLOUDFLARE.check(LIST, 200, JSON, list("{\"user_classification\":\"wrong\"}"))))
                .containsExactly("/result/issues/0/user_classification enum");
    }

    @Test
    void check_nullWhereNotNullable_isAViolation() {
        assertThat(pointers(CLOUDFLARE.check(LIST, 200, JSON, list("{\"subject\":null}"))))
                .containsExactly("/result/issues/0/subject type");
    }

    @Test
    void check_followsRefsAndAllOf_intoTheComponents() {
        String body = "{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[{\"id\":\"x\",\"zone_id\":\"z\","
                + "\"previous_value\":null,\"changed_at\":\"yesterday\"}]}";
        assertThat(pointers(CLOUDFLARE.check(AUDIT_LOG, 200, JSON, body)))
                .containsExactlyInAnyOrder(
                        "/result/0/id format", "/result/0/zone_id type", "/result/0/changed_at format");
    }

    @Test
    void check_statusWithoutItsOwnKey_usesTheRangeResponse() {
        assertThat(CLOUDFLARE.check(LIST, 403, JSON, failure(10000))).isEmpty();
        assertThat(pointers(CLOUDFLARE.check(LIST, 403, JSON, list("{}"))))
                .containsExactlyInAnyOrder("/success enum", "/result enum");
    }

    @Test
    void check_statusTheDocumentDoesNotGive_isAViolation() {
        assertThat(CLOUDFLARE.check(LIST, 500, JSON, failure(1500)))
                .containsExactly(Violation.of("", "status", "the document gives no response for status 500"));
    }

    @Test
    void check_otherContentTypeOrNoJson_isAViolation() {
        assertThat(pointers(CLOUDFLARE.check(LIST, 200, "text/plain", list("{}"))))
                .containsExactly(" content-type");
        assertThat(pointers(CLOUDFLARE.check(LIST, 200, "application/json; charset=utf-8", "{")))
                .containsExactly(" json");
    }

    @Test
    void check_code971_isBelowTheMinimum_andOnlyOn429IsItExcused() {
        List<Violation> violations = CLOUDFLARE.check(LIST, 429, JSON, failure(971));
        assertThat(pointers(violations)).containsExactly("/errors/0/code minimum");
        assertThat(NamedException.RATE_LIMIT_CODE_971.covers(429, violations.get(0)))
                .isTrue();
        assertThat(NamedException.RATE_LIMIT_CODE_971.covers(400, violations.get(0)))
                .isFalse();
    }

    @Test
    void check_anotherDocument_resolvesItsOwnResponseRefs() {
        OpenApiContract own = OpenApiContract.of("own.json", """
                {"openapi": "3.0.3", "x-note": "extensions are no keywords",
                 "paths": {"/things/{id}": {"get": {"responses": {
                   "200": {"$ref": "#/components/responses/thing"}}}}},
                 "components": {
                   "responses": {"thing": {"content": {"application/json": {
                     "schema": {"$ref": "#/components/schemas/thing"}}}}},
                   "schemas": {"thing": {"type": "object", "required": ["n"], "x-vigil-extension": true,
                     "properties": {"n": {"type": "integer", "nullable": true}}}}}}
                """);
        Operation get = own.match("GET", "/things/1").orElseThrow();
        assertThat(own.check(get, 200, JSON, "{\"n\":null}")).isEmpty();
        assertThat(pointers(own.check(get, 200, JSON, "{\"n\":\"1\"}"))).containsExactly("/n type");
        assertThat(pointers(own.check(get, 404, JSON, "{}"))).containsExactly(" status");
    }

    @Test
    void check_keywordTheValidatorDoesNotKnow_failsInsteadOfBeingIgnored() {
        OpenApiContract own = OpenApiContract.of("unknown-keyword.json", """
                {"openapi": "3.0.3", "paths": {"/t": {"get": {"responses": {"200": {"content": {
                  "application/json": {"schema": {"type": "object", "patternProperties": {}}}}}}}}}}
                """);
        Operation get = own.match("GET", "/t").orElseThrow();
        assertThatThrownBy(() -> own.check(get, 200, JSON, "{}")).hasMessageContaining("patternProperties");
    }

    @Test
    void of_documentOfAnotherVersion_isRefused() {
        assertThatThrownBy(() -> OpenApiContract.of("v31.json", "{\"openapi\":\"3.1.0\",\"paths\":{}}"))
                .hasMessage("v31.json is not an OpenAPI 3.0 document: openapi is '\"3.1.0\"'");
    }
}
