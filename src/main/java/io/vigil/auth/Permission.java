package io.vigil.auth;

import java.util.Optional;

/** What a credential may do with Security Center insights. */
public enum Permission {
    /** List and read insights, counts and audit logs. */
    READ("read"),
    /** Everything {@link #READ} may, plus classify and dismiss. */
    EDIT("edit");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether holding this permission allows an action that needs {@code needed}. */
    public boolean grants(Permission needed) {
        return this == EDIT || needed == READ;
    }

    public static Optional<Permission> fromWireName(String value) {
        for (Permission p : values()) {
            if (p.wireName.equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
