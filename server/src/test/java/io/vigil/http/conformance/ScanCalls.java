package io.vigil.http.conformance;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;

import io.vigil.auth.Permission;
import io.vigil.testing.TestServer;
import java.util.List;
import java.util.Set;

/**
 * The calls of Cloudflare's four scan operations (issue 31): the lists before and after, the five scans the
 * account may start in a day (on its path and its zone's, by token, by user, with and without a body), the bodies
 * refused, a zone whose account is unknown, and the sixth scan's 429. The quota is the account's: the calls are
 * counted so that exactly five succeed on the main server.
 */
final class ScanCalls {
    private static final String ACCOUNT_SCANS = "/accounts/" + ACCOUNT + "/security-center/insights/scans";
    private static final String ZONE_SCANS = "/zones/" + ZONE + "/security-center/insights/scans";
    /** A zone no insight names: its account is unknown. */
    private static final String UNKNOWN_ZONE = "9".repeat(32);

    private ScanCalls() {}

    static void add(ExercisePlan plan, TestServer server) {
        // Nothing started yet: empty lists and the whole quota; bad queries; the guard's answers.
        plan.read(ACCOUNT_SCANS, List.of("?x=1", "?per_page=5"));
        plan.read(ZONE_SCANS, List.of("?x=1"));
        // Five scans: two through write (each also refused every way a write can be), three more.
        plan.write("POST", ACCOUNT_SCANS, "{}");
        plan.call(server, "POST", ACCOUNT_SCANS, "{\"issue_type\":\"email_security\"}", json(plan.user()), 200, 0);
        plan.call(server, "POST", ACCOUNT_SCANS, null, ExercisePlan.bearer(plan.edit), 200, 0); // no body: {}
        plan.write("POST", ZONE_SCANS, "{\"issue_class\":\"dnssec_disabled\"}");
        String zoneToken = server.token(Permission.EDIT, Set.of(), Set.of(ZONE));
        plan.call(server, "POST", ZONE_SCANS, "{}", json(ExercisePlan.bearer(zoneToken)), 200, 0);
        for (String path : List.of(ACCOUNT_SCANS, ZONE_SCANS)) {
            plan.call(server, "POST", path, "{\"issue_type\":\"malware\"}", plan.edit(), 400, 1002);
            plan.call(server, "POST", path, "{\"issue_type\":1}", plan.edit(), 400, 1002);
            String both = "{\"issue_type\":\"email_security\",\"issue_class\":\"dnssec_disabled\"}";
            plan.call(server, "POST", path, both, plan.edit(), 400, 1002);
            plan.call(server, "POST", path, "{\"issue_class\":\"\"}", plan.edit(), 400, 1002);
            plan.call(server, "POST", path, "[]", plan.edit(), 400, 1002);
            plan.call(server, "POST", path, "{\"scope\":\"all\"}", plan.edit(), 400, 1006);
            plan.call(server, "POST", path, "{\"issue_type\":", plan.edit(), 400, 1001);
        }
        String unknownZone = "/zones/" + UNKNOWN_ZONE + "/security-center/insights/scans";
        String unknownZoneToken = server.token(Permission.EDIT, Set.of(), Set.of(UNKNOWN_ZONE));
        plan.call(server, "GET", unknownZone, null, ExercisePlan.bearer(unknownZoneToken), 404, 1104);
        plan.call(server, "POST", unknownZone, "{}", json(ExercisePlan.bearer(unknownZoneToken)), 404, 1104);
        // The five listed, the quota spent; a sixth refused on either path.
        for (String path : List.of(ACCOUNT_SCANS, ZONE_SCANS)) {
            plan.call(server, "GET", path, null, ExercisePlan.bearer(plan.read), 200, 0);
            plan.call(server, "GET", path, null, plan.user(), 200, 0);
            plan.call(server, "POST", path, "{}", plan.edit(), 429, 971);
        }
    }

    private static List<String> json(List<String> headers) {
        return ExercisePlan.json(headers);
    }
}
