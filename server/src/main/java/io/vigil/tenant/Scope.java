package io.vigil.tenant;

import org.jspecify.annotations.Nullable;

/** Where a request looks for insights: a whole account (its own and its zones' insights), or one zone. */
public sealed interface Scope {
    String id();

    /** Whether an insight of {@code accountId} (and {@code zoneId}, for a zone-level one) is in this scope. */
    default boolean contains(String accountId, @Nullable String zoneId) {
        return switch (this) {
            case Account account -> account.id().equals(accountId);
            case Zone zone -> zone.id().equals(zoneId);
        };
    }

    /** An account and every zone in it. */
    record Account(String id) implements Scope {
        public Account {
            requireIdentifier(id);
        }
    }

    /** One zone. */
    record Zone(String id) implements Scope {
        public Zone {
            requireIdentifier(id);
        }
    }

    /**
     * Whether {@code id} has the form of a Cloudflare account or zone id: 32 lowercase hex characters. A loop,
     * not a regex: every insight read back from the database checks two of these.
     */
    static boolean isIdentifier(String id) {
        if (id.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = id.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void requireIdentifier(String id) {
        if (!isIdentifier(id)) {
            throw new IllegalArgumentException("not a Cloudflare identifier: " + id);
        }
    }
}
