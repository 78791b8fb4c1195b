package io.vigil.client;

import io.vigil.client.vigil.SealedLog;
import io.vigil.client.vigil.Vigil;
import io.vigil.client.vigil.VigilAccount;
import io.vigil.client.vigil.VigilScope;

/** {@link Vigil} over the client's transport: every route below {@code /vigil}. */
final class HttpVigil implements Vigil {
    static final String ROOT = "/vigil";

    private final Http http;

    HttpVigil(Http http) {
        this.http = http;
    }

    @Override
    public VigilAccount account(String accountId) {
        String path = "/accounts/" + Query.encode(accountId);
        return new HttpVigilAccount(http, path, new HttpVigilScope(http, path));
    }

    @Override
    public VigilScope zone(String zoneId) {
        return new HttpVigilScope(http, "/zones/" + Query.encode(zoneId));
    }

    @Override
    public SealedLog audit() {
        return new HttpSealedLog(http);
    }
}
