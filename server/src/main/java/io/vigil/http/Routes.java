package io.vigil.http;

import io.vigil.audit.AuditLog;
import io.vigil.auth.Authenticator;
import io.vigil.auth.Permission;
import io.vigil.auth.RateLimiter;
import io.vigil.bulk.Bulks;
import io.vigil.insight.InsightService;
import io.vigil.scan.Scans;
import io.vigil.seal.AuditProofs;
import io.vigil.sync.SyncLog;
import io.vigil.tenant.Directory;
import io.vigil.webhook.Webhooks;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** The route table: every endpoint Vigil serves below {@code /client/v4}. */
public final class Routes {
    private static final String INSIGHTS = "/security-center/insights";

    /**
     * Cloudflare's deprecated names for an account's insights ({@code intel.attackSurfaceReport} in the SDK):
     * aliases of the account routes below {@link #INSIGHTS}, answered by the very same handlers.
     */
    private static final String ATTACK_SURFACE_REPORT = "/accounts/{account_id}/intel/attack-surface-report";

    /** Vigil's own routes, where no Cloudflare path can collide with them (docs/extensions.md). */
    private static final String VIGIL = "/vigil";

    private Routes() {}

    /** What the routes need. */
    public record Services(
            InsightService insights,
            Bulks bulks,
            AuditLog auditLog,
            AuditProofs auditProofs,
            Directory directory,
            Authenticator authenticator,
            RateLimiter rateLimiter,
            InstantSource clock,
            String cursorKey,
            SyncLog syncLog,
            Webhooks webhooks,
            Scans scans) {}

    public static List<Route> table(Services services) {
        Guard guard = new Guard(services.authenticator(), services.rateLimiter());
        ClassificationHandler classification = new ClassificationHandler(services.insights());
        InsightsHandler insights = new InsightsHandler(services.insights());
        AuditLogHandler audit =
                new AuditLogHandler(services.auditLog(), services.insights(), new AuditCursor(services.cursorKey()));
        TokenHandler tokens = new TokenHandler(services.authenticator(), services.rateLimiter(), services.clock());
        DirectoryHandler directory = new DirectoryHandler(services.directory());
        AuditProofHandler proofs = new AuditProofHandler(services.auditProofs());
        BulkHandler bulk = new BulkHandler(services.bulks());
        SyncStatusHandler syncStatus = new SyncStatusHandler(services.syncLog());
        Handler list = guard.require(Permission.READ, insights::list);
        Handler countByClass = guard.require(Permission.READ, insights::countByClass);
        Handler countBySeverity = guard.require(Permission.READ, insights::countBySeverity);
        Handler countByType = guard.require(Permission.READ, insights::countByType);
        Handler dismiss = guard.require(Permission.EDIT, insights::dismiss);
        ScansHandler scans = new ScansHandler(services.scans());
        List<Route> routes = new ArrayList<>();
        for (String scope : List.of("/accounts/{account_id}", "/zones/{zone_id}")) {
            String base = scope + INSIGHTS;
            routes.add(Route.get(base, list));
            routes.add(Route.get(base + "/class", countByClass));
            routes.add(Route.get(base + "/severity", countBySeverity));
            routes.add(Route.get(base + "/type", countByType));
            routes.add(Route.get(base + "/audit-log", guard.require(Permission.READ, audit::list)));
            routes.add(Route.get(base + "/scans", guard.require(Permission.READ, scans::list)));
            routes.add(Route.post(base + "/scans", guard.require(Permission.EDIT, scans::start)));
            routes.add(Route.get(base + "/{issue_id}/audit-log", guard.require(Permission.READ, audit::listByInsight)));
            routes.add(Route.put(base + "/{issue_id}/dismiss", dismiss));
            routes.add(Route.patch(
                    base + "/{issue_id}/classification", guard.require(Permission.EDIT, classification::update)));
        }
        routes.add(Route.get(
                "/accounts/{account_id}" + INSIGHTS + "/{issue_id}/context",
                guard.require(Permission.READ, insights::context)));
        routes.add(Route.get(
                ATTACK_SURFACE_REPORT + "/issue-types", guard.require(Permission.READ, insights::issueTypes)));
        routes.add(Route.get(ATTACK_SURFACE_REPORT + "/issues", list));
        routes.add(Route.get(ATTACK_SURFACE_REPORT + "/issues/class", countByClass));
        routes.add(Route.get(ATTACK_SURFACE_REPORT + "/issues/severity", countBySeverity));
        routes.add(Route.get(ATTACK_SURFACE_REPORT + "/issues/type", countByType));
        routes.add(Route.put(ATTACK_SURFACE_REPORT + "/{issue_id}/dismiss", dismiss));
        routes.add(Route.get("/user/tokens/verify", tokens::verify));
        routes.add(Route.get("/openapi.json", new OpenApiDocument()::serve));
        routes.add(Route.get(VIGIL + "/audit/checkpoint", guard.authenticated(proofs::checkpoint)));
        routes.add(Route.get(VIGIL + "/audit/seals", guard.authenticated(proofs::seals)));
        routes.add(Route.get(
                VIGIL + "/audit/keys", guard.authenticated(new AuditKeysHandler(services.auditProofs())::keys)));
        for (String scope : List.of("/accounts/{account_id}", "/zones/{zone_id}")) {
            routes.add(Route.get(
                    VIGIL + scope + "/audit/entries/{entry_id}/proof", guard.require(Permission.READ, proofs::proof)));
            routes.add(Route.get(
                    VIGIL + scope + "/insights/expiring", guard.require(Permission.READ, insights::expiring)));
            routes.add(Route.post(
                    VIGIL + scope + "/insights/bulk/classification", guard.require(Permission.EDIT, bulk::classify)));
            routes.add(Route.post(
                    VIGIL + scope + "/insights/bulk/dismiss", guard.require(Permission.EDIT, bulk::dismiss)));
        }
        routes.add(
                Route.get(VIGIL + "/accounts/{account_id}/sync", guard.require(Permission.READ, syncStatus::status)));
        WebhooksHandler webhooks = new WebhooksHandler(services.webhooks());
        String hooks = VIGIL + "/accounts/{account_id}/webhooks";
        routes.add(Route.get(hooks, guard.require(Permission.READ, webhooks::list)));
        routes.add(Route.post(hooks, guard.require(Permission.EDIT, webhooks::create)));
        routes.add(Route.get(hooks + "/{webhook_id}", guard.require(Permission.READ, webhooks::get)));
        routes.add(Route.patch(hooks + "/{webhook_id}", guard.require(Permission.EDIT, webhooks::update)));
        routes.add(Route.delete(hooks + "/{webhook_id}", guard.require(Permission.EDIT, webhooks::delete)));
        routes.add(Route.post(hooks + "/{webhook_id}/replay", guard.require(Permission.EDIT, webhooks::replay)));
        routes.add(Route.post(hooks + "/{webhook_id}/rotate-secret", guard.require(Permission.EDIT, webhooks::rotate)));
        routes.add(Route.get("/accounts", guard.authenticated(directory::accounts)));
        routes.add(Route.get("/zones", guard.authenticated(directory::zones)));
        return List.copyOf(routes);
    }
}
