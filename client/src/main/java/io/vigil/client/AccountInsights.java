package io.vigil.client;

import com.fasterxml.jackson.databind.JsonNode;

/** An account's insights, its zones' included: the operations of {@link Insights} and the extended context. */
public final class AccountInsights extends Insights {
    AccountInsights(Http http, String scopePath) {
        super(http, scopePath);
    }

    /**
     * The extended context of an insight whose {@link Insight#hasExtendedContext()} is true: a JSON object of the
     * scanner's. {@link NotFoundException} (code 1101 on Vigil) for one without.
     */
    public JsonNode context(String issueId) {
        return http.result(Call.get(insight(issueId) + "/context"));
    }
}
