package io.vigil.hardening;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.auth.Permission;
import io.vigil.testing.Insights;
import io.vigil.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hundreds of malformed requests, to every write endpoint and every query parameter, sent over a raw socket
 * so that nothing is cleaned up on the way: each gets a 4xx Cloudflare envelope whose code is in
 * {@code docs/errors.md}, never a 5xx, never an internal name, and the store stays byte-for-byte the same.
 */
class BadInputCorpusTest {
    static final String A = "/client/v4/accounts/" + ACCOUNT + "/security-center/insights";
    static final String Z = "/client/v4/zones/" + ZONE + "/security-center/insights";
    /** The deprecated aliases of the account's insight routes. */
    static final String R = "/client/v4/accounts/" + ACCOUNT + "/intel/attack-surface-report";

    static final String ACCOUNT_INSIGHT = "corpus-account";
    static final String ZONE_INSIGHT = "corpus-zone";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What an error body must never show: stack traces, class and package names, SQL. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|java\\.|io\\.vigil|jackson|sqlite|postgres|hikari|\\bat [a-z]+\\.|select |insert |update ");

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String edit;
    static String before;
    static final Set<Integer> DOCUMENTED = documentedCodes();

    /** One request as bytes on the wire, and what it is. */
    @SuppressWarnings("ArrayRecordComponent") // built once, never compared
    record Case(String name, String method, String target, List<String> headers, byte[] body) {
        byte[] wire() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            if (headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15))) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(body);
            return out.toByteArray();
        }
    }

    @BeforeAll
    static void seed() throws IOException {
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.seed(Insights.inAccount(ACCOUNT_INSIGHT, ACCOUNT), Insights.inZone(ZONE_INSIGHT, ACCOUNT, ZONE));
        server.classify("/accounts/" + ACCOUNT, ACCOUNT_INSIGHT, "{\"classification\":\"false_positive\"}", edit);
        server.classify(
                "/zones/" + ZONE, ZONE_INSIGHT, "{\"classification\":\"accept_risk\",\"rationale\":\"r\"}", edit);
        before = server.snapshot();
    }

    private static Set<Integer> documentedCodes() {
        Set<Integer> codes = new LinkedHashSet<>();
        Matcher m;
        try {
            m = Pattern.compile("(?m)^\\| (\\d+) \\| (\\d{3}) \\|")
                    .matcher(Files.readString(Path.of("../docs/errors.md")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        return codes;
    }

    @Test
    void theCorpus_hasAtLeast300DistinctRequests() {
        List<Case> cases = BadInputCorpus.cases(edit);
        assertThat(cases.stream()
                        .map(c -> new String(c.wire(), StandardCharsets.ISO_8859_1))
                        .distinct())
                .hasSize(cases.size())
                .hasSizeGreaterThanOrEqualTo(300);
        System.out.printf("bad-input corpus: %d distinct requests%n", cases.size());
    }

    @TestFactory
    Stream<DynamicTest> everyBadRequest_isA4xxEnvelopeWithADocumentedCode_andChangesNothing() {
        return BadInputCorpus.cases(edit).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    static void check(Case c) throws IOException {
        assertRefused(c, send(server.port(), c.wire()));
        assertThat(server.snapshot()).as("store after %s", c.name()).isEqualTo(before);
    }

    /**
     * A request target that is not a URI (a broken percent-escape, a quote) is refused by the JDK's HTTP server
     * before Vigil sees it (docs/reliability.md): a bare 400 and the connection closed. Anything else gets the
     * full check.
     */
    static void assertRefused(Case c, String response) throws IOException {
        if (notAUri(c.target())) {
            assertThat(response).as(c.name()).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
        } else {
            assertRejectedCleanly(c.name(), response);
        }
    }

    static boolean notAUri(String target) {
        try {
            new java.net.URI(target);
            return false;
        } catch (java.net.URISyntaxException e) {
            return true;
        }
    }

    /** A 4xx with a Cloudflare envelope, a documented code, a request id, and no internals. */
    static void assertRejectedCleanly(String name, String response) throws IOException {
        int split = response.indexOf("\r\n\r\n");
        assertThat(split)
                .as("%s: a complete HTTP response, got %s", name, response)
                .isPositive();
        String head = response.substring(0, split);
        String body = response.substring(split + 4);
        int status = Integer.parseInt(head.substring(9, 12));
        assertThat(status).as("%s: status of %s", name, head).isBetween(400, 499);
        assertThat(head.toLowerCase(java.util.Locale.ROOT))
                .as("%s: headers", name)
                .contains("content-type: application/json")
                .contains("cf-ray: ");
        JsonNode json = JSON.readTree(body);
        assertThat(json.path("success").asBoolean(true)).as("%s: success", name).isFalse();
        assertThat(json.path("errors")).as("%s: errors", name).isNotEmpty();
        for (JsonNode error : json.path("errors")) {
            assertThat(DOCUMENTED)
                    .as("%s: code of %s", name, body)
                    .contains(error.path("code").asInt());
            assertThat(error.path("message").asText()).as("%s: message", name).isNotBlank();
        }
        assertThat(INTERNALS.matcher(body).find())
                .as("%s: internals in %s", name, body)
                .isFalse();
    }

    /** Reads one response by its Content-Length: the server may keep the socket open to drain the request. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(headers);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : in.readAllBytes();
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    static String send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before it has read everything: read the answer
            }
            return readResponse(socket.getInputStream());
        }
    }
}
