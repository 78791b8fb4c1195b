package io.vigil.insight;

import java.util.Optional;

/**
 * Where a finding comes from, as the official SDK types the list filter {@code source}. Every insight Vigil
 * holds comes from Cloudflare's scanner (or one that writes its format), so {@code riskrecon} matches none.
 */
public enum FindingSource {
    CLOUDFLARE("cloudflare"),
    RISKRECON("riskrecon");

    private final String wireName;

    FindingSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FindingSource> fromWireName(String value) {
        for (FindingSource source : values()) {
            if (source.wireName.equals(value)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
