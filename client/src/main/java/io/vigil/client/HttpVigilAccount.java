package io.vigil.client;

import io.vigil.client.vigil.Bulk;
import io.vigil.client.vigil.InclusionProof;
import io.vigil.client.vigil.SyncStatus;
import io.vigil.client.vigil.VigilAccount;
import io.vigil.client.vigil.Webhooks;

/** {@link VigilAccount} over the client's transport: the scope's operations, the webhooks and the sync's status. */
final class HttpVigilAccount implements VigilAccount {
    private final Http http;
    /** {@code /vigil/accounts/{id}}. */
    private final String root;

    private final HttpVigilScope scope;

    HttpVigilAccount(Http http, String accountPath, HttpVigilScope scope) {
        this.http = http;
        this.root = HttpVigil.ROOT + accountPath;
        this.scope = scope;
    }

    @Override
    public Paged<Insight> expiring(int withinDays) {
        return scope.expiring(withinDays);
    }

    @Override
    public Paged<Insight> expiring(int withinDays, int perPage) {
        return scope.expiring(withinDays, perPage);
    }

    @Override
    public Bulk bulk() {
        return scope.bulk();
    }

    @Override
    public InclusionProof proof(String entryId) {
        return scope.proof(entryId);
    }

    @Override
    public Webhooks webhooks() {
        return new HttpWebhooks(http, root + "/webhooks");
    }

    @Override
    public SyncStatus syncStatus() {
        return Json.read(http.result(Call.get(root + "/sync")), SyncStatus.class);
    }
}
