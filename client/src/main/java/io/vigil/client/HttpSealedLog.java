package io.vigil.client;

import io.vigil.client.vigil.Checkpoint;
import io.vigil.client.vigil.KeyChain;
import io.vigil.client.vigil.Seal;
import io.vigil.client.vigil.SealedLog;
import org.jspecify.annotations.Nullable;

/** {@link SealedLog} over the client's transport: {@code /vigil/audit/checkpoint}, {@code …/seals}, {@code …/keys}. */
final class HttpSealedLog implements SealedLog {
    private static final String ROOT = HttpVigil.ROOT + "/audit";

    private final Http http;

    HttpSealedLog(Http http) {
        this.http = http;
    }

    @Override
    public Checkpoint checkpoint() {
        return Json.read(http.result(Call.get(ROOT + "/checkpoint")), Checkpoint.class);
    }

    @Override
    public Paged<Seal> seals(long from) {
        return sealsFrom(from, null);
    }

    @Override
    public Paged<Seal> seals(long from, int perPage) {
        return sealsFrom(from, perPage);
    }

    private Paged<Seal> sealsFrom(long from, @Nullable Integer perPage) {
        String first = String.valueOf(from);
        return Pages.byNextFrom(
                next -> {
                    Query query = new Query().add("from", next == null ? first : next);
                    if (perPage != null) {
                        query.add("per_page", perPage.toString());
                    }
                    return http.send(Call.get(ROOT + "/seals", query));
                },
                Seal.class);
    }

    @Override
    public KeyChain keys() {
        return Json.read(http.result(Call.get(ROOT + "/keys")), KeyChain.class);
    }
}
