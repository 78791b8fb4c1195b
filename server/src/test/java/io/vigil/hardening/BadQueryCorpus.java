package io.vigil.hardening;

import static io.vigil.hardening.BadInputCorpus.get;
import static io.vigil.hardening.BadInputCorpus.scope;
import static io.vigil.hardening.BadInputCorpusTest.A;
import static io.vigil.hardening.BadInputCorpusTest.ACCOUNT_INSIGHT;
import static io.vigil.hardening.BadInputCorpusTest.R;
import static io.vigil.hardening.BadInputCorpusTest.Z;
import static io.vigil.hardening.BadInputCorpusTest.ZONE_INSIGHT;

import io.vigil.hardening.BadInputCorpusTest.Case;
import java.util.ArrayList;
import java.util.List;

/** The malformed query strings of the bad-input corpus: list, counts, audit logs, and the routes without any. */
final class BadQueryCorpus {
    private BadQueryCorpus() {}

    /** Query strings no read endpoint accepts. */
    static List<Case> cases(String bearer) {
        List<String> listAndCounts = List.of(
                "foo=1",
                "Subject=a",
                "subject",
                "subject=",
                "severity=",
                "severity=high",
                "severity=LOWEST",
                "severity~neq=urgent",
                "issue_type=nope",
                "issue_type~neq=nope",
                "dismissed=yes",
                "dismissed=1",
                "dismissed=",
                "dismissed=true&dismissed=false",
                "dismissed~neq=true",
                "source=aws",
                "issue_class%7Eneq=",
                "subject=%ZZ",
                "subject=%C3%28",
                "subject=a&foo",
                "subject=a&&bogus=1",
                "=",
                "==",
                "subject=a%00b&x=1",
                "severity=low,,critical",
                "issue_type=,");
        List<String> listOnly = List.of(
                "page=0",
                "page=-1",
                "page=1.5",
                "page=abc",
                "page=",
                "page=1&page=2",
                "page=99999999999999999999",
                "page=1000001",
                "per_page=0",
                "per_page=1001",
                "per_page=-5",
                "per_page=1e2",
                "per_page=0x10",
                "per_page=%205",
                "per_page=%2B5");
        List<String> audit = List.of(
                "cursor=",
                "cursor=abc",
                "cursor=AAAA",
                "cursor=" + "A".repeat(500),
                "cursor=eyJpZCI6IjEifQ",
                "since=yesterday",
                "since=2026-13-01T00:00:00Z",
                "since=2026-11-01",
                "before=1700000000",
                "before=",
                "order=up",
                "order=ASC",
                "order=asc&order=desc",
                "field_changed=dismissed",
                "field_changed=",
                "changed_by=",
                "per_page=0",
                "per_page=1001",
                "subject=a",
                "page=2");
        List<String> countsOnly =
                List.of("foo=1", "severity=high", "page=2", "per_page=10", "dismissed=maybe", "subject=");
        List<Case> cases = new ArrayList<>();
        for (String base : List.of(A, Z)) {
            for (String q : listAndCounts) {
                cases.add(get("list ?" + q + " on " + scope(base), base + "?" + q, bearer));
            }
            for (String q : listOnly) {
                cases.add(get("list ?" + q + " on " + scope(base), base + "?" + q, bearer));
            }
            for (String count : List.of("/class", "/severity", "/type")) {
                for (String q : countsOnly) {
                    cases.add(get(count + " ?" + q + " on " + scope(base), base + count + "?" + q, bearer));
                }
            }
            for (String q : audit) {
                cases.add(get("audit-log ?" + q + " on " + scope(base), base + "/audit-log?" + q, bearer));
            }
            String one = base + "/" + (base.equals(A) ? ACCOUNT_INSIGHT : ZONE_INSIGHT) + "/audit-log";
            for (String q : List.of("cursor=abc", "order=sideways", "since=now", "per_page=0", "issue_id=x")) {
                cases.add(get("insight audit-log ?" + q + " on " + scope(base), one + "?" + q, bearer));
            }
        }
        // The deprecated intel/attack-surface-report aliases of the account's list and counts, and issue-types.
        for (String q : listAndCounts) {
            cases.add(get("intel issues ?" + q, R + "/issues?" + q, bearer));
        }
        for (String q : listOnly) {
            cases.add(get("intel issues ?" + q, R + "/issues?" + q, bearer));
        }
        for (String count : List.of("/class", "/severity", "/type")) {
            for (String q : countsOnly) {
                cases.add(get("intel issues" + count + " ?" + q, R + "/issues" + count + "?" + q, bearer));
            }
        }
        for (String q : List.of("x=1", "page=1", "per_page=5", "dismissed=true", "issue_type=email_security", "=")) {
            cases.add(get("intel issue-types ?" + q, R + "/issue-types?" + q, bearer));
        }
        cases.add(get("context ?x=1", A + "/" + ACCOUNT_INSIGHT + "/context?x=1", bearer));
        cases.add(get("verify ?x=1", "/client/v4/user/tokens/verify?x=1", bearer));
        return cases;
    }
}
