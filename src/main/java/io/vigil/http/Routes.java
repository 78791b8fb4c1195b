package io.vigil.http;

import io.vigil.audit.AuditLog;
import io.vigil.auth.Authenticator;
import io.vigil.auth.Permission;
import io.vigil.auth.RateLimiter;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStore;
import io.vigil.tenant.Directory;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** The route table: every endpoint Vigil serves below {@code /client/v4}. */
public final class Routes {
    private static final String INSIGHTS = "/security-center/insights";

    private Routes() {}

    /** What the routes need. */
    public record Services(
            InsightService insights,
            InsightStore store,
            AuditLog auditLog,
            Directory directory,
            Authenticator authenticator,
            RateLimiter rateLimiter,
            InstantSource clock,
            String cursorKey) {}

    public static List<Route> table(Services services) {
        Guard guard = new Guard(services.authenticator(), services.rateLimiter());
        ClassificationHandler classification = new ClassificationHandler(services.insights());
        InsightsHandler insights = new InsightsHandler(services.insights(), services.store());
        AuditLogHandler audit =
                new AuditLogHandler(services.auditLog(), services.insights(), new AuditCursor(services.cursorKey()));
        TokenHandler tokens = new TokenHandler(services.authenticator(), services.rateLimiter(), services.clock());
        DirectoryHandler directory = new DirectoryHandler(services.directory());
        List<Route> routes = new ArrayList<>();
        for (String scope : List.of("/accounts/{account_id}", "/zones/{zone_id}")) {
            String base = scope + INSIGHTS;
            routes.add(Route.get(base, guard.require(Permission.READ, insights::list)));
            routes.add(Route.get(base + "/class", guard.require(Permission.READ, insights::countByClass)));
            routes.add(Route.get(base + "/severity", guard.require(Permission.READ, insights::countBySeverity)));
            routes.add(Route.get(base + "/type", guard.require(Permission.READ, insights::countByType)));
            routes.add(Route.get(base + "/audit-log", guard.require(Permission.READ, audit::list)));
            routes.add(Route.get(base + "/{issue_id}/audit-log", guard.require(Permission.READ, audit::listByInsight)));
            routes.add(Route.put(base + "/{issue_id}/dismiss", guard.require(Permission.EDIT, insights::dismiss)));
            routes.add(Route.patch(
                    base + "/{issue_id}/classification", guard.require(Permission.EDIT, classification::update)));
        }
        routes.add(Route.get(
                "/accounts/{account_id}" + INSIGHTS + "/{issue_id}/context",
                guard.require(Permission.READ, insights::context)));
        routes.add(Route.get("/user/tokens/verify", tokens::verify));
        routes.add(Route.get("/openapi.json", new OpenApiDocument()::serve));
        routes.add(Route.get("/accounts", guard.authenticated(directory::accounts)));
        routes.add(Route.get("/zones", guard.authenticated(directory::zones)));
        return List.copyOf(routes);
    }
}
