package io.vigil.cli;

import io.vigil.audit.UuidV7;
import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStore;
import java.time.Clock;
import java.util.SplittableRandom;

/** The scanner side of the command line: imports stamp their audit entries with the system clock. */
final class Scanner {
    private Scanner() {}

    static InsightService service(InsightStore store) {
        Clock clock = Clock.systemUTC();
        return new InsightService(store, new UuidV7(clock, new SplittableRandom()));
    }
}
