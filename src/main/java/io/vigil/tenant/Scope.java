package io.vigil.tenant;

import java.util.regex.Pattern;

/** Where a request looks for insights: a whole account (its own and its zones' insights), or one zone. */
public sealed interface Scope {
    /** Cloudflare account and zone ids: 32 lowercase hex characters. */
    Pattern IDENTIFIER = Pattern.compile("[0-9a-f]{32}");

    String id();

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

    /** Whether {@code id} has the form of a Cloudflare account or zone id. */
    static boolean isIdentifier(String id) {
        return IDENTIFIER.matcher(id).matches();
    }

    private static void requireIdentifier(String id) {
        if (!isIdentifier(id)) {
            throw new IllegalArgumentException("not a Cloudflare identifier: " + id);
        }
    }
}
