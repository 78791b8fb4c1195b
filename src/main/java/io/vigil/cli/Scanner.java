package io.vigil.cli;

import io.vigil.insight.InsightService;
import io.vigil.insight.InsightStore;

/** The scanner side of the command line: imports stamp their audit entries with the system clock. */
final class Scanner {
    private Scanner() {}

    static InsightService service(InsightStore store) {
        return new InsightService(store);
    }
}
