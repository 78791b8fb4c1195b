package io.vigil.http.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each operation can answer, and which of those answers a plan leaves unchecked. The statuses come
 * from docs/errors.md: every operation of an account or zone answers 200, 400 (a bad query, path id or
 * credential header), 401, 403 and 429; one that names an insight, a change-log entry or a webhook subscription
 * also 404 (and an entry's proof 409 while it is unsealed); a write with a body also 413 and 415; a classification
 * (one or in bulk) also 409, and so does making a webhook subscription (past the account's 25); the scans of a zone
 * also 404 (its account unknown), and starting a scan answers a spent quota with the 429. The directory,
 * token and checkpoint routes have no scope to deny (no 403; the checkpoint 404 before the first seal);
 * Vigil's OpenAPI document needs no credential.
 */
final class Coverage {
    private Coverage() {}

    /** The statuses among 200, 400, 401, 403, 404, 409, 413, 415 and 429 that {@code operation} can give. */
    static Set<Integer> answerable(Operation operation) {
        if (operation.template().equals("/openapi.json")) { // public: no credential is read
            return Set.of(200, 400);
        }
        if (!operation.template().contains("{account_id}")
                && !operation.template().contains("{zone_id}")) {
            return Set.of(200, 400, 401, 429); // the directory, token and checkpoint routes: no scope to be denied
        }
        Set<Integer> statuses = new TreeSet<>(List.of(200, 400, 401, 403, 429));
        boolean oneWebhook = operation.template().contains("{webhook_id}");
        boolean zoneScans =
                operation.template().endsWith("/scans") && operation.template().contains("{zone_id}");
        if (operation.template().contains("{issue_id}")
                || operation.template().contains("{entry_id}")
                || oneWebhook
                || zoneScans) { // a zone whose account is unknown
            statuses.add(404);
        }
        if (!operation.method().equals("GET") && !operation.method().equals("DELETE")) {
            statuses.addAll(List.of(413, 415));
        }
        boolean scans = operation.template().endsWith("/scans"); // a spent quota is a 429, not a conflict
        if ((operation.method().equals("PATCH") || operation.method().equals("POST")) && !oneWebhook && !scans) {
            statuses.add(409); // a refused transition; for a bulk, any refused insight
        }
        return statuses;
    }

    /**
     * One line for each operation of {@code contract} that no call exercises, each status it can give that
     * no call expects, each status a call expects that it cannot give, and each response of the document
     * that no call checks.
     *
     * @param expected for each operation, the statuses the calls made to it expect
     */
    static List<String> gaps(OpenApiContract contract, Map<Operation, Set<Integer>> expected) {
        List<String> gaps = new ArrayList<>();
        for (Operation operation : contract.operations()) {
            Set<Integer> exercised = expected.getOrDefault(operation, Set.of());
            if (exercised.isEmpty()) {
                gaps.add(operation + ": not exercised by any call");
                continue;
            }
            Set<Integer> missing = new TreeSet<>(answerable(operation));
            missing.removeAll(exercised);
            if (!missing.isEmpty()) {
                gaps.add(operation + ": no call expects " + missing);
            }
            Set<Integer> impossible = new TreeSet<>(exercised);
            impossible.removeAll(answerable(operation));
            if (!impossible.isEmpty()) {
                gaps.add(operation + ": calls expect " + impossible + ", which it cannot answer");
            }
            for (String key : operation.responseKeys()) {
                // A 5XX takes a failing database (the crash and hardening suites make them), not a request.
                if (!key.equals("5XX") && exercised.stream().noneMatch(status -> covers(key, status))) {
                    gaps.add(operation + ": its response '" + key + "' is not checked by any call");
                }
            }
        }
        return gaps;
    }

    private static boolean covers(String key, int status) {
        return key.equals(String.valueOf(status)) || key.equals(status / 100 + "XX") || key.equals("default");
    }
}
