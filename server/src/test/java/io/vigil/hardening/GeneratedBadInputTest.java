package io.vigil.hardening;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import io.vigil.hardening.BadInputCorpusTest.Case;
import io.vigil.testing.Insights;
import io.vigil.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated hostile requests against the real server: JSON-ish bodies for both write endpoints (and the
 * dismiss alias, and starting a scan), query strings for the list, the counts, the audit log and their aliases, and odd insight ids. Never a 5xx; every 4xx is a documented
 * Cloudflare envelope; a refused request changes nothing.
 */
class GeneratedBadInputTest {
    static TestServer server;
    static String edit;

    /** jqwik runs no JUnit Jupiter extensions, so the container starts and closes its server itself. */
    @BeforeContainer
    static void start() {
        server = TestServer.start();
        edit = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());
        server.seed(
                Insights.inAccount(BadInputCorpusTest.ACCOUNT_INSIGHT, ACCOUNT),
                Insights.inZone(BadInputCorpusTest.ZONE_INSIGHT, ACCOUNT, ZONE));
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    private static void sendAndCheck(Case c) throws IOException {
        String before = server.snapshot();
        String response = BadInputCorpusTest.send(server.port(), c.wire());
        int status = Integer.parseInt(response.substring(9, 12));
        assertThat(status).as("%s → %s", c.name(), response).isLessThan(500);
        if (status >= 400) {
            BadInputCorpusTest.assertRefused(c, response);
            assertThat(server.snapshot()).as("store after %s", c.name()).isEqualTo(before);
        }
    }

    @Property(tries = 150)
    void jsonishBodies_toEveryWriteEndpoint(@ForAll("jsonish") String body, @ForAll("writeTargets") String[] target)
            throws IOException {
        sendAndCheck(new Case(
                "generated body " + body,
                target[0],
                target[1],
                List.of("Content-Type: application/json", "Authorization: Bearer " + edit),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 150)
    void queryStrings_toTheListCountsAndAuditLog(@ForAll("queries") String query, @ForAll("readTargets") String path)
            throws IOException {
        sendAndCheck(new Case(
                "generated query " + query,
                "GET",
                path + "?" + query,
                List.of("Authorization: Bearer " + edit),
                new byte[0]));
    }

    @Property(tries = 100)
    void oddInsightIds_inEveryInsightRoute(@ForAll("ids") String id, @ForAll("idRoutes") String[] route)
            throws IOException {
        byte[] body = route[0].equals("GET") ? new byte[0] : "{\"dismiss\":false}".getBytes(StandardCharsets.UTF_8);
        sendAndCheck(new Case(
                "generated id " + id,
                route[0],
                BadInputCorpusTest.A + "/" + id + route[1],
                List.of("Content-Type: application/json", "Authorization: Bearer " + edit),
                body));
    }

    @Provide
    Arbitrary<String[]> writeTargets() {
        return Arbitraries.of(
                new String[] {
                    "PATCH", BadInputCorpusTest.A + "/" + BadInputCorpusTest.ACCOUNT_INSIGHT + "/classification"
                },
                new String[] {"PUT", BadInputCorpusTest.Z + "/" + BadInputCorpusTest.ZONE_INSIGHT + "/dismiss"},
                new String[] {"PUT", BadInputCorpusTest.R + "/" + BadInputCorpusTest.ACCOUNT_INSIGHT + "/dismiss"},
                new String[] {"POST", BadInputCorpusTest.A + "/scans"},
                new String[] {"POST", BadInputCorpusTest.Z + "/scans"});
    }

    @Provide
    Arbitrary<String> readTargets() {
        return Arbitraries.of(
                BadInputCorpusTest.A,
                BadInputCorpusTest.Z + "/severity",
                BadInputCorpusTest.A + "/audit-log",
                BadInputCorpusTest.Z + "/" + BadInputCorpusTest.ZONE_INSIGHT + "/audit-log",
                BadInputCorpusTest.R + "/issues",
                BadInputCorpusTest.R + "/issues/type",
                BadInputCorpusTest.R + "/issue-types");
    }

    @Provide
    Arbitrary<String[]> idRoutes() {
        return Arbitraries.of(
                new String[] {"PUT", "/dismiss"}, new String[] {"GET", "/audit-log"}, new String[] {"GET", "/context"});
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.of(
                        "{",
                        "}",
                        "[",
                        "]",
                        ":",
                        ",",
                        "\"classification\"",
                        "\"rationale\"",
                        "\"dismiss\"",
                        "\"other\"",
                        "\"accept_risk\"",
                        "null",
                        "true",
                        "false",
                        "1e999",
                        "-0",
                        "\"\\u0000\"",
                        "\"x\"",
                        " ",
                        "\"",
                        "\\",
                        "\"\\ud800\"",
                        "\u00e9",
                        "\u0007")
                .list()
                .ofMaxSize(14)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> names = Arbitraries.of(
                "subject",
                "severity",
                "severity~neq",
                "issue_type",
                "dismissed",
                "page",
                "per_page",
                "cursor",
                "since",
                "before",
                "order",
                "field_changed",
                "changed_by",
                "source",
                "x",
                "",
                "%7E",
                "Page");
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        "0",
                        "-1",
                        "1",
                        "1001",
                        "99999999999999999999",
                        "true",
                        "maybe",
                        "low",
                        "critical,",
                        "asc",
                        "desc",
                        "2026-01-01T00:00:00Z",
                        "yesterday",
                        "%00",
                        "%C3%28",
                        "%E2%82%AC",
                        "a%2Cb",
                        "+",
                        "%2B1"),
                Arbitraries.strings()
                        .withCharRange('!', '~')
                        .excludeChars('%', '&', '#')
                        .ofMaxLength(12));
        Arbitrary<String> pair = names.flatMap(n -> values.map(v -> n + "=" + v));
        return pair.list().ofMinSize(1).ofMaxSize(4).map(pairs -> String.join("&", pairs));
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> safe = Arbitraries.strings()
                .withCharRange('!', '~')
                .excludeChars('%', '/', '?', '#')
                .ofMinLength(1)
                .ofMaxLength(40);
        Arbitrary<String> encoded = Arbitraries.strings()
                .withCharRange('\u0000', '\u2FFF')
                .ofMinLength(1)
                .ofMaxLength(10)
                .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        Arbitrary<String> huge = Arbitraries.integers().between(257, 9000).map("z"::repeat);
        return Arbitraries.oneOf(safe, encoded, huge);
    }

    /**
     * Issue 21: a rationale or classification holding one ill-formed piece (an escaped lone surrogate or
     * noncharacter, or raw bytes that are not UTF-8) among well-formed ones is a 400 1014 pointing at it.
     */
    @Property(tries = 150)
    void illFormedBodyValues_areA400MalformedUnicodeAtTheirPointer(
            @ForAll("illFormedJsonStrings") byte[] string, @ForAll boolean inRationale) throws IOException {
        String field = inRationale ? "rationale" : "classification";
        String prefix = inRationale ? "{\"classification\":null,\"rationale\":\"" : "{\"classification\":\"";
        Case c = new Case(
                "generated ill-formed " + field,
                "PATCH",
                BadInputCorpusTest.A + "/" + BadInputCorpusTest.ACCOUNT_INSIGHT + "/classification",
                List.of("Content-Type: application/json", "Authorization: Bearer " + edit),
                concat(prefix.getBytes(StandardCharsets.UTF_8), string, "\"}".getBytes(StandardCharsets.UTF_8)));
        String before = server.snapshot();
        String response = BadInputCorpusTest.send(server.port(), c.wire());
        BadInputCorpusTest.assertRejectedCleanly(c.name(), response);
        assertThat(response).contains("{\"code\":1014,").contains("\"source\":{\"pointer\":\"/" + field + "\"}");
        assertThat(server.snapshot()).isEqualTo(before);
    }

    /** Issue 21: the same strings as member names, in both write endpoints: a 4xx that changes nothing. */
    @Property(tries = 100)
    void illFormedMemberNames_inEveryWriteEndpoint_areRefused(
            @ForAll("illFormedJsonStrings") byte[] name, @ForAll("writeTargets") String[] target) throws IOException {
        String prefix = target[0].equals("PUT") ? "{\"dismiss\":false,\"" : "{\"classification\":null,\"";
        sendAndCheck(new Case(
                "generated ill-formed name",
                target[0],
                target[1],
                List.of("Content-Type: application/json", "Authorization: Bearer " + edit),
                concat(prefix.getBytes(StandardCharsets.UTF_8), name, "\":1}".getBytes(StandardCharsets.UTF_8))));
    }

    /** Issue 21: a query value holding one ill-formed byte sequence, percent-encoded: a 400 1014 naming it. */
    @Property(tries = 100)
    void illFormedQueryValues_areA400MalformedUnicode(
            @ForAll("illFormedUtf8") byte[] value, @ForAll("textFilters") String[] filter) throws IOException {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value) {
            encoded.append(String.format("%%%02X", b & 0xFF));
        }
        Case c = new Case(
                "generated ill-formed query " + encoded,
                "GET",
                filter[0] + "?" + filter[1] + "=" + encoded,
                List.of("Authorization: Bearer " + edit),
                new byte[0]);
        String response = BadInputCorpusTest.send(server.port(), c.wire());
        BadInputCorpusTest.assertRejectedCleanly(c.name(), response);
        assertThat(response)
                .contains("{\"code\":1014,\"message\":\"query parameter '" + filter[1]
                        + "' is not well-formed Unicode: ");
    }

    /**
     * Issue 21: past 200 header names the JDK server used to close the connection unanswered. Up to 5,000: far
     * more fields of this length (about 7,400) pass the JDK's 380 KiB header cap, which closes the connection.
     */
    @Property(tries = 12)
    void headerFieldCountsOverTheLimit_areA431(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 101, max = 5_000) int fields) throws IOException {
        List<String> headers = new ArrayList<>(List.of("Authorization: Bearer " + edit));
        for (int i = 0; headers.size() < fields - 3; i++) {
            headers.add("X-Generated-" + i + ": v");
        }
        Case c = new Case(fields + " header fields", "GET", BadInputCorpusTest.A, headers, new byte[0]);
        String response = BadInputCorpusTest.send(server.port(), c.wire());
        BadInputCorpusTest.assertRejectedCleanly(c.name(), response);
        assertThat(response)
                .startsWith("HTTP/1.1 431 ")
                .contains("\"message\":\"request has " + fields + " header fields; the limit is 100\"");
    }

    @Provide
    Arbitrary<String[]> textFilters() {
        return Arbitraries.of(
                new String[] {BadInputCorpusTest.A, "subject"},
                new String[] {BadInputCorpusTest.Z, "issue_class"},
                new String[] {BadInputCorpusTest.A + "/type", "product"},
                new String[] {BadInputCorpusTest.Z + "/audit-log", "changed_by"});
    }

    /** Well-formed pieces around exactly one ill-formed one (two could pair up into a valid surrogate pair). */
    @Provide
    Arbitrary<byte[]> illFormedJsonStrings() {
        List<byte[]> bad = new ArrayList<>(UnicodeCorpus.RAW);
        UnicodeCorpus.ESCAPED.forEach(e -> bad.add(e.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<List<byte[]>> good = Arbitraries.of(
                        "a", "\u00e9", "\u20ac", "\ud83d\ude00", "\ufffd", "\\u00e9", "\\ud83d\\ude00", " ", "\\n")
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .list()
                .ofMaxSize(4);
        return net.jqwik.api.Combinators.combine(good, Arbitraries.of(bad), good)
                .as((before, piece, after) ->
                        concat(concat(before.toArray(byte[][]::new)), piece, concat(after.toArray(byte[][]::new))));
    }

    /** Well-formed UTF-8 around exactly one ill-formed sequence (raw bytes only: nothing is escaped here). */
    @Provide
    Arbitrary<byte[]> illFormedUtf8() {
        Arbitrary<List<byte[]>> good = Arbitraries.of("a", "\u00e9", "\u20ac", "\ud83d\ude00", "\ufffd", " ")
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .list()
                .ofMaxSize(4);
        return net.jqwik.api.Combinators.combine(good, Arbitraries.of(UnicodeCorpus.RAW), good)
                .as((before, piece, after) ->
                        concat(concat(before.toArray(byte[][]::new)), piece, concat(after.toArray(byte[][]::new))));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
