package io.vigil.http.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.DisallowUnknownKeywordFactory;
import com.networknt.schema.keyword.NonValidationKeyword;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAPI 3.0 document that answers are checked against: its operations, and for an operation and an
 * HTTP status, whether a response body conforms to the schema the document gives for it.
 *
 * <p>The schema for a status is the response under the exact status key, else under its range
 * ({@code 4XX}), else {@code default}. Schemas are validated with networknt's OpenAPI 3.0 dialect, so
 * {@code nullable}, {@code allOf}/{@code anyOf}/{@code oneOf} and {@code $ref}s to {@code #/components/…}
 * of the same document work as the specification says. Specification extensions ({@code x-…}) are
 * ignored; any other keyword the validator does not know fails loading, so that no constraint of the
 * document is silently skipped. Thread-safe.
 */
final class OpenApiContract {
    /** The extract of Cloudflare's own document with the Insights operations (its provenance is beside it). */
    static final String CLOUDFLARE_INSIGHTS = "/io/vigil/conformance/cloudflare-insights-openapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** OpenAPI 3.0's dialect, but extensions are no keywords and anything else unknown is an error. */
    private static final Dialect DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .unknownKeywordFactory((keyword, context) -> keyword.startsWith("x-")
                    ? new NonValidationKeyword(keyword)
                    : DisallowUnknownKeywordFactory.getInstance().getKeyword(keyword, context))
            .build();

    /** Where the registry finds the document: never fetched, each contract's registry maps it to its text. */
    private static final String IRI = "https://openapi.invalid/document.json";

    private final String name;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Operation> operations;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String name, String text) {
        this.name = name;
        try {
            this.document = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not JSON", e);
        }
        if (!document.path("openapi").asText().startsWith("3.0.")) {
            throw new IllegalArgumentException(
                    name + " is not an OpenAPI 3.0 document: openapi is '" + document.path("openapi") + "'");
        }
        this.registry = SchemaRegistry.withDialect(DIALECT, builder -> builder.schemas(Map.of(IRI, text)));
        this.operations = readOperations(document);
    }

    /** The document in {@code text}; {@code name} (a file name, a URL) appears in messages. */
    static OpenApiContract of(String name, String text) {
        return new OpenApiContract(name, text);
    }

    /** The document in the classpath resource {@code resource}, named as {@link Class#getResource} takes it. */
    static OpenApiContract fromResource(String resource) {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return of(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /** Every operation of the document, in its order. */
    List<Operation> operations() {
        return operations;
    }

    /**
     * The operation that a request for {@code method} and {@code path} (a concrete path below the
     * server URL, with or without a query) calls. Where several templates match, the one with the most
     * literal segments wins, as OpenAPI says.
     */
    Optional<Operation> match(String method, String path) {
        int query = path.indexOf('?');
        String[] segments = (query < 0 ? path : path.substring(0, query)).split("/", -1);
        return operations.stream()
                .filter(op -> op.method().equalsIgnoreCase(method) && op.matches(segments))
                .max(Comparator.comparingInt(Operation::literalSegments));
    }

    /**
     * What is wrong with an answer of {@code operation}: a status the document does not describe, a
     * content type it does not give, a body that is not JSON, or each place where the body breaks the
     * schema. Empty if the answer conforms.
     */
    List<Violation> check(Operation operation, int status, @Nullable String contentType, String body) {
        String responses = follow(operation.pointer() + "/responses");
        String key = responseKey(document.at(responses), status);
        if (key == null) {
            return List.of(Violation.of("", "status", "the document gives no response for status " + status));
        }
        String response = follow(responses + "/" + escape(key));
        JsonNode content = document.at(response).path("content");
        if (content.isEmpty()) {
            return body.isEmpty()
                    ? List.of()
                    : List.of(Violation.of("", "content", "the document gives no body for " + key + ", got one"));
        }
        String mediaType =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            return List.of(Violation.of(
                    "", "content-type", "Content-Type '" + contentType + "' is not one of " + keys(content)));
        }
        String pointer = response + "/content/" + escape(mediaType) + "/schema";
        try {
            JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(Violation.of("", "json", "body is not JSON: " + e.getOriginalMessage()));
        }
        List<Violation> violations = new ArrayList<>();
        for (com.networknt.schema.Error error : schema(pointer).validate(body, InputFormat.JSON)) {
            violations.add(Violation.of(error));
        }
        return violations;
    }

    /** The schema at {@code pointer} of the document, its {@code $ref}s resolved within the document. */
    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(IRI + "#" + p)));
    }

    private static @Nullable String responseKey(JsonNode responses, int status) {
        for (String key : List.of(String.valueOf(status), (status / 100) + "XX", "default")) {
            if (responses.has(key)) {
                return key;
            }
        }
        return null;
    }

    /**
     * Where the object at {@code pointer} really is: an OpenAPI Reference Object ({@code {"$ref": "#/…"}})
     * is followed to what it points to.
     */
    private String follow(String pointer) {
        String at = pointer;
        for (int hops = 0; document.at(at).has("$ref"); hops++) {
            String ref = document.at(at).path("$ref").asText();
            if (!ref.startsWith("#/") || hops > 8) {
                throw new IllegalArgumentException(name + ": cannot follow $ref '" + ref + "' at " + at);
            }
            at = ref.substring(1);
        }
        return at;
    }

    private static List<Operation> readOperations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    String pointer = "/paths/" + escape(path.getKey()) + "/" + op.getKey();
                    operations.add(
                            new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), pointer, op.getValue()));
                }
            }
        }
        return List.copyOf(operations);
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A JSON Pointer reference token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
