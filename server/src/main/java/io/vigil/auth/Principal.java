package io.vigil.auth;

import java.util.Set;

/** Who is calling, and what they may reach, once their credentials have been checked. */
public sealed interface Principal {

    /** How audit entries name this principal in {@code changed_by}. Never a secret. */
    String actor();

    /** Whether the principal may perform an action needing {@code needed} anywhere at all. */
    boolean grants(Permission needed);

    /** Accounts the principal reaches entirely (each with all of its zones). */
    Set<String> accountIds();

    /** Single zones the principal reaches, besides the zones of {@link #accountIds()}. */
    Set<String> zoneIds();

    /** An API token: a permission on listed accounts and zones. */
    record Token(String id, String name, Permission permission, Set<String> accountIds, Set<String> zoneIds)
            implements Principal {
        public Token {
            accountIds = Set.copyOf(accountIds);
            zoneIds = Set.copyOf(zoneIds);
        }

        @Override
        public String actor() {
            return "token:" + id;
        }

        @Override
        public boolean grants(Permission needed) {
            return permission.grants(needed);
        }
    }

    /** A user authenticated by email and global API key: full access to every account they belong to. */
    record User(String id, String email, Set<String> accountIds) implements Principal {
        public User {
            accountIds = Set.copyOf(accountIds);
        }

        @Override
        public String actor() {
            return email;
        }

        @Override
        public boolean grants(Permission needed) {
            return true;
        }

        @Override
        public Set<String> zoneIds() {
            return Set.of();
        }
    }
}
