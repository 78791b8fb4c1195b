package io.vigil.client;

/** Cloudflare's Insights operations on one account. Thread-safe. */
public final class Account {
    private final Http http;
    private final String path;

    Account(Http http, String accountId) {
        this.http = http;
        this.path = "/accounts/" + Query.encode(accountId);
    }

    /** The account's insights, its zones' included. */
    public AccountInsights insights() {
        return new AccountInsights(http, path);
    }

    /** The account's on-demand scans. */
    public Scans scans() {
        return new Scans(http, path);
    }

    /**
     * The deprecated {@code intel/attack-surface-report} names of the account's insight operations.
     *
     * @deprecated Cloudflare deprecated these routes; use {@link #insights()}
     */
    @Deprecated
    public AttackSurfaceReport attackSurfaceReport() {
        return new AttackSurfaceReport(http, path);
    }
}
