package io.vigil.hardening;

import static io.vigil.hardening.BadInputCorpusTest.A;
import static io.vigil.hardening.BadInputCorpusTest.ACCOUNT_INSIGHT;
import static io.vigil.hardening.BadInputCorpusTest.R;
import static io.vigil.hardening.BadInputCorpusTest.Z;
import static io.vigil.hardening.BadInputCorpusTest.ZONE_INSIGHT;

import io.vigil.hardening.BadInputCorpusTest.Case;
import io.vigil.testing.Insights;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The malformed requests: bodies, content types, query strings, ids, headers, methods and sizes. */
final class BadInputCorpus {
    private static final String JSON = "Content-Type: application/json";

    private BadInputCorpus() {}

    /** Bodies no write endpoint accepts. */
    static final List<byte[]> BROKEN_BODIES = bodies(
            "",
            " ",
            "\n",
            "{",
            "}",
            "[",
            "]",
            "[]",
            "null",
            "true",
            "0",
            "-1",
            "1e999999",
            "\"x\"",
            "{}{}",
            "{} x",
            "{,}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{'classification':null}",
            "{classification:null}",
            "{\"classification\":nul}",
            "{\"classification\":NaN}",
            "{\"classification\":Infinity}",
            "{\"classification\":undefined}",
            "/* c */{}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"unterminated}",
            "{\"a\":123456789012345678901234567890123456789}",
            "{\"a\":1e400}",
            "{\"a\":-0.0e-99999}",
            "{\"\":1}",
            "{\"a\":\"\u0000\"}",
            "{\"a\":1}\u0000",
            "\u0000{}",
            "{\"a\":[" + "[".repeat(3000) + "]".repeat(3000) + "]}",
            "{\"a\":" + "{\"b\":".repeat(2000) + "1" + "}".repeat(2000) + "}",
            "{\"a\":\"" + "x".repeat(70_000) + "\"}");

    /** Raw bytes that are not UTF-8 JSON at all. */
    static final List<byte[]> BROKEN_ENCODINGS = List.of(
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'},
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'},
            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'},
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}', 'x'},
            "{\"classification\":null}".getBytes(StandardCharsets.UTF_16LE),
            "{\"classification\":null}".getBytes(StandardCharsets.UTF_16BE),
            new byte[] {0, 0, 0, '{', 0, 0, 0, '}'},
            new byte[] {(byte) 0x80, (byte) 0x81, (byte) 0x82});

    /** Classification bodies with the right syntax and the wrong content (the insight is false_positive). */
    static final List<byte[]> BAD_CLASSIFICATIONS = bodies(
            "{}",
            "{\"rationale\":\"why\"}",
            "{\"classification\":1}",
            "{\"classification\":0}",
            "{\"classification\":true}",
            "{\"classification\":false}",
            "{\"classification\":[]}",
            "{\"classification\":[\"other\"]}",
            "{\"classification\":{}}",
            "{\"classification\":\"\"}",
            "{\"classification\":\" \"}",
            "{\"classification\":\"OTHER\"}",
            "{\"classification\":\"Other\"}",
            "{\"classification\":\" other\"}",
            "{\"classification\":\"other \"}",
            "{\"classification\":\"false-positive\"}",
            "{\"classification\":\"falsepositive\"}",
            "{\"classification\":\"null\"}",
            "{\"classification\":\"reset\"}",
            "{\"classification\":\"accept_risk\"}",
            "{\"classification\":\"accept_risk\",\"rationale\":null}",
            "{\"classification\":\"accept_risk\",\"rationale\":\"\"}",
            "{\"classification\":\"accept_risk\",\"rationale\":\"\\t\\n \"}",
            "{\"classification\":\"other\"}",
            "{\"classification\":\"other\",\"rationale\":\"   \"}",
            "{\"classification\":\"other\",\"rationale\":1}",
            "{\"classification\":\"other\",\"rationale\":true}",
            "{\"classification\":\"other\",\"rationale\":{}}",
            "{\"classification\":\"other\",\"rationale\":[\"a\"]}",
            "{\"classification\":\"other\",\"rationale\":\"a\\u0000b\"}",
            "{\"classification\":\"other\",\"rationale\":\"a\\u0007b\"}",
            "{\"classification\":\"other\",\"rationale\":\"a\\u001bb\"}",
            "{\"classification\":\"other\",\"rationale\":\"a\\u007fb\"}",
            "{\"classification\":\"other\",\"rationale\":\"" + "r".repeat(4097) + "\"}",
            "{\"classification\":\"other\",\"rationale\":\"" + "\\ud83d\\ude00".repeat(4097) + "\"}",
            "{\"classification\":\"other\",\"rationale\":\"\\ud800\"}",
            "{\"classification\":null,\"classification\":\"other\"}",
            "{\"classification\":null,\"rationale\":\"a\",\"rationale\":\"b\"}",
            "{\"classification\":null,\"dismissed\":true}",
            "{\"classification\":null,\"extra\":null}",
            "{\"Classification\":null}",
            "{\"classification \":null}",
            "{\"classification\":null,\"a/b~c\":1}",
            "{\"classification\":\"other\",\"rationale\":\"moving straight from another value\"}");

    /** Dismiss bodies with the right syntax and the wrong content (the insight is not dismissed). */
    static final List<byte[]> BAD_DISMISSALS = bodies(
            "{\"dismiss\":null}",
            "{\"dismiss\":\"true\"}",
            "{\"dismiss\":\"yes\"}",
            "{\"dismiss\":1}",
            "{\"dismiss\":0}",
            "{\"dismiss\":[true]}",
            "{\"dismiss\":{}}",
            "{\"dismiss\":true,\"dismiss\":true}",
            "{\"dismiss\":true,\"reason\":\"x\"}",
            "{\"Dismiss\":true}",
            "{\"dismissed\":true}",
            "{\"classification\":null}",
            "[{\"dismiss\":true}]",
            "\"dismiss\"",
            "{\"dismiss\":true}x");

    static final List<String> BAD_CONTENT_TYPES = List.of(
            "Content-Type: text/plain",
            "Content-Type: text/json",
            "Content-Type: application/x-www-form-urlencoded",
            "Content-Type: multipart/form-data; boundary=x",
            "Content-Type: application/json; charset=latin1",
            "Content-Type: application/json; charset=utf-16",
            "Content-Type: application/jsonx",
            "Content-Type: json",
            "Content-Type: ",
            "Content-Type: */*");

    static List<Case> cases(String token) {
        String bearer = "Authorization: Bearer " + token;
        List<Case> cases = new ArrayList<>();
        List<String[]> writes = List.of(
                new String[] {"PATCH", A + "/" + ACCOUNT_INSIGHT + "/classification"},
                new String[] {"PATCH", Z + "/" + ZONE_INSIGHT + "/classification"},
                new String[] {"PUT", A + "/" + ACCOUNT_INSIGHT + "/dismiss"},
                new String[] {"PUT", Z + "/" + ZONE_INSIGHT + "/dismiss"},
                new String[] {"PUT", R + "/" + ACCOUNT_INSIGHT + "/dismiss"});
        for (String[] write : writes) {
            String what = write[0] + " " + write[1].replaceFirst(".*/", "…/");
            boolean dismiss = write[1].endsWith("/dismiss");
            int i = 0;
            for (byte[] body : BROKEN_BODIES) {
                if (dismiss && body.length == 0) {
                    continue; // an empty dismiss body means {"dismiss": true}: valid by the spec
                }
                cases.add(new Case(what + " broken body #" + i++, write[0], write[1], List.of(JSON, bearer), body));
            }
            i = 0;
            for (byte[] body : BROKEN_ENCODINGS) {
                cases.add(new Case(what + " bad encoding #" + i++, write[0], write[1], List.of(JSON, bearer), body));
            }
            i = 0;
            for (byte[] body : dismiss ? BAD_DISMISSALS : BAD_CLASSIFICATIONS) {
                cases.add(new Case(what + " bad content #" + i++, write[0], write[1], List.of(JSON, bearer), body));
            }
            byte[] valid =
                    (dismiss ? "{\"dismiss\":true}" : "{\"classification\":null}").getBytes(StandardCharsets.UTF_8);
            for (String contentType : BAD_CONTENT_TYPES) {
                cases.add(new Case(what + " " + contentType, write[0], write[1], List.of(contentType, bearer), valid));
            }
            cases.add(new Case(what + " no content type", write[0], write[1], List.of(bearer), valid));
            cases.add(new Case(what + " two content types", write[0], write[1], List.of(JSON, JSON, bearer), valid));
            cases.add(
                    new Case(what + " query parameter", write[0], write[1] + "?force=1", List.of(JSON, bearer), valid));
            cases.add(new Case(
                    what + " declared length over the limit",
                    write[0],
                    write[1],
                    List.of(JSON, bearer, "Content-Length: 10000000"),
                    valid));
        }
        cases.addAll(BadQueryCorpus.cases(bearer));
        cases.addAll(ids(bearer));
        cases.addAll(headers(token));
        cases.addAll(methods(bearer));
        cases.addAll(UnicodeCorpus.cases(token));
        return cases;
    }

    /** Odd insight, account and zone ids in every route that takes one. */
    private static List<Case> ids(String bearer) {
        List<String> issueIds = List.of(
                "..",
                ".",
                "%2e%2e",
                "%2F",
                "a%2Fb",
                "%00",
                "a%00b",
                "%ZZ",
                "%C3%28",
                "%E2%80%AE",
                "%F0%9F%98%80",
                "a%20b",
                "a%0Ab",
                "a;b",
                "a%3Bb",
                "~",
                "x".repeat(257),
                "y".repeat(10_000));
        List<Case> cases = new ArrayList<>();
        for (String id : issueIds) {
            String shown = id.length() > 20 ? id.length() + "-char id" : id;
            cases.add(new Case(
                    "PATCH id " + shown,
                    "PATCH",
                    A + "/" + id + "/classification",
                    List.of(JSON, bearer),
                    "{\"classification\":null}".getBytes(StandardCharsets.UTF_8)));
            cases.add(new Case(
                    "PUT dismiss id " + shown,
                    "PUT",
                    Z + "/" + id + "/dismiss",
                    List.of(JSON, bearer),
                    "{\"dismiss\":true}".getBytes(StandardCharsets.UTF_8)));
            cases.add(new Case(
                    "PUT intel dismiss id " + shown,
                    "PUT",
                    R + "/" + id + "/dismiss",
                    List.of(JSON, bearer),
                    "{\"dismiss\":true}".getBytes(StandardCharsets.UTF_8)));
            cases.add(get("audit-log id " + shown, A + "/" + id + "/audit-log", bearer));
            cases.add(get("context id " + shown, A + "/" + id + "/context", bearer));
        }
        List<String> scopeIds = List.of(
                "ACCOUNT",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa11",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1",
                "gggggggggggggggggggggggggggggggg",
                "%61aaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",
                "..",
                "%00",
                "-1");
        for (String id : scopeIds) {
            cases.add(get("account id " + id, "/client/v4/accounts/" + id + "/security-center/insights", bearer));
            cases.add(get(
                    "intel account id " + id,
                    "/client/v4/accounts/" + id + "/intel/attack-surface-report/issue-types",
                    bearer));
            cases.add(new Case(
                    "zone id " + id,
                    "PATCH",
                    "/client/v4/zones/" + id + "/security-center/insights/" + ZONE_INSIGHT + "/classification",
                    List.of(JSON, bearer),
                    "{\"classification\":null}".getBytes(StandardCharsets.UTF_8)));
        }
        cases.add(get("no such route", "/client/v4/accounts/" + "a".repeat(32) + "/nothing", bearer));
        cases.add(get(
                "intel on a zone",
                "/client/v4/zones/" + Insights.ZONE + "/intel/attack-surface-report/issues",
                bearer));
        cases.add(get("double slash", A + "//" + ACCOUNT_INSIGHT + "/audit-log", bearer));
        cases.add(get("trailing slash", A + "/", bearer));
        cases.add(get("base path only", "/client/v4", bearer));
        cases.add(get("other base path", "/client/v5/user/tokens/verify", bearer));
        return cases;
    }

    /** Credential headers: missing, malformed, doubled, mixed. */
    private static List<Case> headers(String token) {
        String target = A + "/" + ACCOUNT_INSIGHT + "/classification";
        byte[] body = "{\"classification\":null}".getBytes(StandardCharsets.UTF_8);
        List<List<String>> variants = List.of(
                List.of(),
                List.of("Authorization: "),
                List.of("Authorization: Bearer"),
                List.of("Authorization: Bearer "),
                List.of("Authorization: bearer" + token),
                List.of("Authorization: Basic dXNlcjpwYXNz"),
                List.of("Authorization: Bearer " + token + " extra"),
                List.of("Authorization: Bearer " + token, "Authorization: Bearer " + token),
                List.of("Authorization: Bearer " + "x".repeat(5000)),
                List.of("Authorization: Bearer " + token.substring(1)),
                List.of("X-Auth-Email: someone@example.com"),
                List.of("X-Auth-Key: 0123456789abcdef0123456789abcdef01234"),
                List.of("X-Auth-Email: not-an-email", "X-Auth-Key: 0123456789abcdef0123456789abcdef01234"),
                List.of("X-Auth-Email: a@example.com", "X-Auth-Key: short"),
                List.of("X-Auth-Email: a@example.com", "X-Auth-Key: 0123456789abcdef0123456789abcdef01234"),
                List.of(
                        "X-Auth-Email: a@example.com",
                        "X-Auth-Email: b@example.com",
                        "X-Auth-Key: 0123456789abcdef0123456789abcdef01234"));
        List<Case> cases = new ArrayList<>();
        int i = 0;
        for (List<String> credentials : variants) {
            List<String> headers = new ArrayList<>(credentials);
            headers.add(JSON);
            cases.add(new Case("credential headers #" + i++, "PATCH", target, headers, body));
        }
        List<String> many = new ArrayList<>(List.of(JSON, "Authorization: Bearer " + token));
        for (int h = 0; h < 150; h++) {
            many.add("X-Filler-" + h + ": v");
        }
        cases.add(new Case("150 header fields", "PATCH", target, many, body));
        cases.add(new Case(
                "40 kB header",
                "PATCH",
                target,
                List.of(JSON, "Authorization: Bearer " + token, "X-Big: " + "b".repeat(40_000)),
                body));
        cases.add(get("9 kB URL", A + "?subject=" + "s".repeat(9_000), "Authorization: Bearer " + token));
        return cases;
    }

    /** Methods the routes do not have. */
    private static List<Case> methods(String bearer) {
        List<Case> cases = new ArrayList<>();
        String[][] wrong = {
            {"POST", A + "/" + ACCOUNT_INSIGHT + "/classification"},
            {"PUT", A + "/" + ACCOUNT_INSIGHT + "/classification"},
            {"DELETE", A + "/" + ACCOUNT_INSIGHT + "/classification"},
            {"GET", A + "/" + ACCOUNT_INSIGHT + "/classification"},
            {"PATCH", Z + "/" + ZONE_INSIGHT + "/dismiss"},
            {"POST", Z + "/" + ZONE_INSIGHT + "/dismiss"},
            {"DELETE", A},
            {"POST", A},
            {"PUT", A + "/class"},
            {"DELETE", A + "/audit-log"},
            {"POST", "/client/v4/user/tokens/verify"},
            {"PATCH", A + "/" + ACCOUNT_INSIGHT + "/context"},
            {"GET", R + "/" + ACCOUNT_INSIGHT + "/dismiss"},
            {"POST", R + "/issues"},
            {"PUT", R + "/issue-types"},
            {"DELETE", R + "/issues/class"},
            {"BREW", A},
            {"TRACE", A}
        };
        for (String[] m : wrong) {
            cases.add(new Case(
                    m[0] + " " + m[1].replaceFirst(".*/client/v4", ""),
                    m[0],
                    m[1],
                    List.of(JSON, bearer),
                    "{\"classification\":null}".getBytes(StandardCharsets.UTF_8)));
        }
        return cases;
    }

    static Case get(String name, String target, String bearer) {
        return new Case(name, "GET", target, List.of(bearer), new byte[0]);
    }

    static String scope(String base) {
        return base.equals(A) ? "account" : "zone";
    }

    private static List<byte[]> bodies(String... bodies) {
        List<byte[]> out = new ArrayList<>();
        for (String body : bodies) {
            out.add(body.getBytes(StandardCharsets.UTF_8));
        }
        return List.copyOf(out);
    }
}
