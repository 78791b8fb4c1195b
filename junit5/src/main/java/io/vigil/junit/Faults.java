package io.vigil.junit;

import io.vigil.TestMode;

/**
 * The faults the test's server applies, per route. The server itself answers them (a 429 or 5xx in Cloudflare's
 * envelope, a connection closed unanswered), after matching the route and before authenticating, as an edge would.
 * A fault lasts until the end of the test that set it, or of the class's first test for one set in {@code
 * @BeforeAll}; {@link Vigil#reset()} and {@link #clear()} remove them sooner. Thread-safe.
 */
public final class Faults {
    private final TestMode server;

    Faults(TestMode server) {
        this.server = server;
    }

    /**
     * The faults of one route of Vigil's route table.
     *
     * @param method {@code GET}, {@code PATCH}, …
     * @param route the route's pattern below {@code /client/v4}, with its parameters' names as the route table
     *     spells them, e.g. {@code /accounts/{account_id}/security-center/insights/{issue_id}/classification}
     */
    public RouteFaults on(String method, String route) {
        return new RouteFaults(server, method, route);
    }

    /** Removes every fault of every route. */
    public void clear() {
        server.clearFaults();
    }
}
