package io.vigil.client;

import java.util.Locale;

/** Where a finding comes from, as the {@code source} filter names it. */
public enum FindingSource {
    CLOUDFLARE,
    RISKRECON;

    /** Its spelling in a filter, e.g. {@code cloudflare}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
