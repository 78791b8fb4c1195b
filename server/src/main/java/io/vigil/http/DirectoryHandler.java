package io.vigil.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.auth.Permission;
import io.vigil.auth.Principal;
import io.vigil.tenant.Directory;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /accounts} and {@code GET /zones}: the accounts and zones the caller's credentials reach, in
 * Cloudflare's shapes (id, name; a zone's account), with the caller's {@code permissions} on each, so a
 * client such as the web console can offer only what the credentials allow.
 */
final class DirectoryHandler {
    /** Cloudflare's defaults for these two lists. */
    static final int DEFAULT_PER_PAGE = 20;

    static final int MAX_PER_PAGE = 50;

    private static final Set<String> ACCOUNT_PARAMS = Set.of("page", "per_page");
    private static final Set<String> ZONE_PARAMS = Set.of("page", "per_page", "account.id");

    private final Directory directory;

    DirectoryHandler(Directory directory) {
        this.directory = directory;
    }

    ApiResponse accounts(ApiRequest request, Principal principal) {
        QueryParams query = request.query(ACCOUNT_PARAMS);
        List<Directory.Account> all = directory.accounts(principal.accountIds());
        return page(query, all, (json, account) -> {
            json.writeStartObject();
            json.writeStringField("id", account.id());
            json.writeStringField("name", account.name());
            json.writeStringField("type", "standard");
            writePermissions(json, principal);
            json.writeEndObject();
        });
    }

    ApiResponse zones(ApiRequest request, Principal principal) {
        QueryParams query = request.query(ZONE_PARAMS);
        String account = query.single("account.id");
        if (account != null && !Scope.isIdentifier(account)) {
            throw QueryParams.invalid(
                    "account.id must be 32 lowercase hex characters; got '" + Messages.quote(account) + "'");
        }
        List<Directory.Zone> all = directory.zones(principal.accountIds(), principal.zoneIds(), account);
        return page(query, all, (json, zone) -> {
            json.writeStartObject();
            json.writeStringField("id", zone.id());
            json.writeStringField("name", zone.name());
            json.writeStringField("status", "active");
            json.writeObjectFieldStart("account");
            json.writeStringField("id", zone.account().id());
            json.writeStringField("name", zone.account().name());
            json.writeEndObject();
            writePermissions(json, principal);
            json.writeEndObject();
        });
    }

    /** Cloudflare-style permission names: what the caller may do with Security Center insights here. */
    private static void writePermissions(JsonGenerator json, Principal principal) throws IOException {
        json.writeArrayFieldStart("permissions");
        json.writeString("#security_center:read");
        if (principal.grants(Permission.EDIT)) {
            json.writeString("#security_center:edit");
        }
        json.writeEndArray();
    }

    @FunctionalInterface
    private interface ItemWriter<T> {
        void write(JsonGenerator json, T item) throws IOException;
    }

    private static <T> ApiResponse page(QueryParams query, List<T> all, ItemWriter<T> writer) {
        int page = query.integer("page", 1, InsightsHandler.MAX_PAGE);
        int perPage = query.integer("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE);
        int from = (int) Math.min((long) (page - 1) * perPage, all.size());
        List<T> items = all.subList(from, Math.min(from + perPage, all.size()));
        return ApiResponse.ok(Envelope.success(
                json -> {
                    json.writeStartArray();
                    for (T item : items) {
                        writer.write(json, item);
                    }
                    json.writeEndArray();
                },
                json -> {
                    json.writeNumberField("page", page);
                    json.writeNumberField("per_page", perPage);
                    json.writeNumberField("count", items.size());
                    json.writeNumberField("total_count", all.size());
                    json.writeNumberField("total_pages", (all.size() + perPage - 1) / perPage);
                }));
    }
}
