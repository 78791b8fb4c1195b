package io.vigil.client;

import io.vigil.client.vigil.Bulk;
import io.vigil.client.vigil.InclusionProof;
import io.vigil.client.vigil.VigilScope;
import org.jspecify.annotations.Nullable;

/** {@link VigilScope} over the client's transport, for {@code /vigil/accounts/{id}} or {@code /vigil/zones/{id}}. */
final class HttpVigilScope implements VigilScope {
    private final Http http;
    /** {@code /vigil/accounts/{id}} or the zone's. */
    private final String root;

    HttpVigilScope(Http http, String scopePath) {
        this.http = http;
        this.root = HttpVigil.ROOT + scopePath;
    }

    @Override
    public Paged<Insight> expiring(int withinDays) {
        return expiringWithin(withinDays, null);
    }

    @Override
    public Paged<Insight> expiring(int withinDays, int perPage) {
        return expiringWithin(withinDays, perPage);
    }

    private Paged<Insight> expiringWithin(int withinDays, @Nullable Integer perPage) {
        return Pages.byNumber(
                http,
                1,
                page -> {
                    Query query = new Query().add("within_days", String.valueOf(withinDays));
                    query.add("page", String.valueOf(page));
                    if (perPage != null) {
                        query.add("per_page", perPage.toString());
                    }
                    return Call.get(root + "/insights/expiring", query);
                },
                Insight.class);
    }

    @Override
    public Bulk bulk() {
        return new HttpBulk(http, root + "/insights/bulk");
    }

    @Override
    public InclusionProof proof(String entryId) {
        String path = root + "/audit/entries/" + Query.encode(entryId) + "/proof";
        return Json.read(http.result(Call.get(path)), InclusionProof.class);
    }
}
