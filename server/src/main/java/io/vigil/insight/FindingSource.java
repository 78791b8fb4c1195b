package io.vigil.insight;

import io.vigil.text.WireName;
import java.util.Optional;

/**
 * Where a finding comes from, as the official SDK types the list filter {@code source}. Every insight Vigil
 * holds comes from Cloudflare's scanner (or one that writes its format), so {@code riskrecon} matches none.
 */
public enum FindingSource implements WireName {
    CLOUDFLARE,
    RISKRECON;

    public static Optional<FindingSource> fromWireName(String value) {
        return WireName.parse(FindingSource.class, value);
    }
}
