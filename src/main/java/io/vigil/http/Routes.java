package io.vigil.http;

import io.vigil.auth.Authenticator;
import io.vigil.auth.Permission;
import io.vigil.insight.InsightService;
import java.time.InstantSource;
import java.util.List;

/** The route table: every endpoint Vigil serves below {@code /client/v4}. */
public final class Routes {
    private static final String INSIGHTS = "/security-center/insights";

    private Routes() {}

    public static List<Route> table(InsightService insights, Authenticator authenticator, InstantSource clock) {
        Guard guard = new Guard(authenticator);
        ClassificationHandler classification = new ClassificationHandler(insights);
        TokenHandler tokens = new TokenHandler(authenticator, clock);
        return List.of(
                Route.patch(
                        "/accounts/{account_id}" + INSIGHTS + "/{issue_id}/classification",
                        guard.require(Permission.EDIT, classification::update)),
                Route.patch(
                        "/zones/{zone_id}" + INSIGHTS + "/{issue_id}/classification",
                        guard.require(Permission.EDIT, classification::update)),
                Route.get("/user/tokens/verify", tokens::verify));
    }
}
