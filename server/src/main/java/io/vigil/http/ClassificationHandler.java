package io.vigil.http;

import io.vigil.auth.Principal;
import io.vigil.insight.ClassificationRequest;
import io.vigil.insight.InsightService;
import io.vigil.tenant.Scope;

/** {@code PATCH /{accounts|zones}/{id}/security-center/insights/{issue_id}/classification}. */
final class ClassificationHandler {
    private final InsightService insights;

    ClassificationHandler(InsightService insights) {
        this.insights = insights;
    }

    ApiResponse update(ApiRequest request, Scope scope, Principal principal) {
        String issueId = PathIds.issueId(request);
        request.query(java.util.Set.of()); // the endpoint takes no query parameter: refuse, don't ignore
        ClassificationRequest body = ClassificationBody.parse(request.jsonBody());
        insights.classify(scope, issueId, body, principal.actor());
        return ApiResponse.ok(Envelope.SUCCESS);
    }
}
