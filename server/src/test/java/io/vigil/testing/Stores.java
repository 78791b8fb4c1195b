package io.vigil.testing;

import io.vigil.audit.UuidV7;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStore;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * The one way tests build an insight store and the service over it: as {@code Main} does, with the system
 * clock and a UUIDv7 source.
 */
public final class Stores {
    private Stores() {}

    public static JdbcInsightStore insights(Database database) {
        return new JdbcInsightStore(database, new UuidV7(Clock.systemUTC(), new SplittableRandom()));
    }

    /** The service that imports and classifies insights in {@code store}. */
    public static InsightService service(InsightStore store) {
        return new InsightService(store);
    }
}
