package io.vigil.hardening;

import static io.vigil.hardening.BadInputCorpusTest.A;
import static io.vigil.hardening.BadInputCorpusTest.ACCOUNT_INSIGHT;
import static io.vigil.hardening.BadInputCorpusTest.Z;
import static io.vigil.hardening.BadInputCorpusTest.ZONE_INSIGHT;

import io.vigil.hardening.BadInputCorpusTest.Case;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 21's part of the corpus: strings that are not well-formed Unicode in every place Vigil takes a string
 * (body values and member names, query names and values, path ids, the email header), and 101 to 5,000
 * header fields. The bodies reset a classification, so each would change the store if it were accepted.
 */
final class UnicodeCorpus {
    private static final String JSON = "Content-Type: application/json";

    /** Ill-formed strings as JSON escapes: lone surrogates (high, low, reversed, at the end), noncharacters. */
    static final List<String> ESCAPED = List.of(
            "\\ud800",
            "\\udfff",
            "a\\ud800b",
            "\\ude00\\ud83d",
            "ok \\ud83d",
            "\\ufffe",
            "\\uffff",
            "\\ufdd0",
            "\\ufdef",
            "\\ud83f\\udffe",
            "\\udbff\\udfff");

    /** Ill-formed strings as raw bytes: encoded surrogates, raw noncharacters, overlong, out of range, cut. */
    static final List<byte[]> RAW = List.of(
            bytes(0xED, 0xA0, 0x80),
            bytes(0xED, 0xBF, 0xBF),
            bytes(0xEF, 0xBF, 0xBE),
            bytes(0xEF, 0xB7, 0x90),
            bytes(0xF0, 0x9F, 0xBF, 0xBF),
            bytes(0xF4, 0x8F, 0xBF, 0xBF),
            bytes(0xC0, 0xAF),
            bytes(0xC1, 0xBF),
            bytes(0xE0, 0x80, 0xAF),
            bytes(0xE0, 0x9F, 0xBF),
            bytes(0xF0, 0x80, 0x80, 0xAF),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF7, 0xBF, 0xBF, 0xBF),
            bytes(0xE2, 0x82),
            bytes(0x80),
            bytes(0xFE),
            bytes(0xFF));

    /** The same kinds of bytes, percent-encoded for a query or a path. */
    static final List<String> PERCENT = List.of(
            "%ED%A0%80",
            "%EF%BF%BE", "%EF%B7%90", "%F0%9F%BF%BF", "%C0%AF", "%E0%80%AF", "%F4%90%80%80", "%E2%82", "%FF");

    private UnicodeCorpus() {}

    static List<Case> cases(String token) {
        String bearer = "Authorization: Bearer " + token;
        List<Case> cases = new ArrayList<>();
        List<byte[]> strings = new ArrayList<>();
        ESCAPED.forEach(s -> strings.add(s.getBytes(StandardCharsets.UTF_8)));
        strings.addAll(RAW);
        for (String[] write : List.of(
                new String[] {"PATCH", A + "/" + ACCOUNT_INSIGHT + "/classification"},
                new String[] {"PATCH", Z + "/" + ZONE_INSIGHT + "/classification"},
                new String[] {"PUT", A + "/" + ACCOUNT_INSIGHT + "/dismiss"},
                new String[] {"PUT", Z + "/" + ZONE_INSIGHT + "/dismiss"})) {
            boolean dismiss = write[1].endsWith("/dismiss");
            String[][] shapes = dismiss
                    ? new String[][] {{"{\"dismiss\":false,\"", "\":1}"}, {"{\"dismiss\":\"", "\"}"}}
                    : new String[][] {
                        {"{\"classification\":null,\"rationale\":\"", "\"}"},
                        {"{\"classification\":\"", "\"}"},
                        {"{\"classification\":null,\"", "\":\"r\"}"}
                    };
            for (String[] shape : shapes) {
                int i = 0;
                for (byte[] string : strings) {
                    cases.add(new Case(
                            write[0] + " " + shape[0] + "…" + shape[1] + " ill-formed #" + i++,
                            write[0],
                            write[1],
                            List.of(JSON, bearer),
                            concat(
                                    shape[0].getBytes(StandardCharsets.UTF_8),
                                    string,
                                    shape[1].getBytes(StandardCharsets.UTF_8))));
                }
            }
        }
        for (String base : List.of(A, Z)) {
            String one = base + "/" + (base.equals(A) ? ACCOUNT_INSIGHT : ZONE_INSIGHT) + "/audit-log";
            for (String bad : PERCENT) {
                for (String query : List.of("subject=", "issue_class=", "product=a", "subject~neq=x")) {
                    cases.add(get("list ?" + query + bad, base + "?" + query + bad, bearer));
                }
                cases.add(get("list ?name " + bad, base + "?" + bad + "=1", bearer));
                cases.add(get("severity count ?subject=" + bad, base + "/severity?subject=" + bad, bearer));
                cases.add(get("audit-log ?changed_by=" + bad, base + "/audit-log?changed_by=" + bad, bearer));
                cases.add(get("insight audit-log ?changed_by=" + bad, one + "?changed_by=" + bad, bearer));
            }
            cases.add(get("list ?subject= raw C3 28", base + "?subject=\u00c3(", bearer));
            cases.add(get("list ?subject= raw FF", base + "?subject=a\u00ff", bearer));
        }
        for (String bad : List.of("%ED%A0%80", "%EF%BF%BF", "%C0%AE%C0%AE", "%F4%90%80%80", "a%EF%B7%90")) {
            cases.add(new Case(
                    "PATCH id " + bad,
                    "PATCH",
                    A + "/" + bad + "/classification",
                    List.of(JSON, bearer),
                    "{\"classification\":null}".getBytes(StandardCharsets.UTF_8)));
            cases.add(get("context id " + bad, Z + "/" + bad + "/context", bearer));
        }
        String key = "X-Auth-Key: 0123456789abcdef0123456789abcdef01234";
        for (String email : List.of(
                "\u00c3(@example.com",
                "\u00ed\u00a0\u0080@example.com",
                "\u00ef\u00bf\u00bf@example.com",
                "\u00c0\u00af@example.com",
                "a@\u00ff.example")) {
            cases.add(new Case(
                    "X-Auth-Email not UTF-8 " + email.length(),
                    "PATCH",
                    A + "/" + ACCOUNT_INSIGHT + "/classification",
                    List.of(JSON, "X-Auth-Email: " + email, key),
                    "{\"classification\":null}".getBytes(StandardCharsets.UTF_8)));
        }
        for (int fields : new int[] {101, 201, 1_000, 5_000}) {
            List<String> headers = new ArrayList<>(List.of(JSON, bearer));
            for (int h = 0; headers.size() < fields - 3; h++) {
                headers.add("X-Many-" + h + ": v"); // with Host, Content-Length and Connection: exactly `fields`
            }
            cases.add(new Case(
                    fields + " header fields",
                    "PATCH",
                    A + "/" + ACCOUNT_INSIGHT + "/classification",
                    headers,
                    "{\"classification\":null}".getBytes(StandardCharsets.UTF_8)));
        }
        return cases;
    }

    private static Case get(String name, String target, String bearer) {
        return new Case(name, "GET", target, List.of(bearer), new byte[0]);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
