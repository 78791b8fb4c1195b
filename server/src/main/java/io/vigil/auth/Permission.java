package io.vigil.auth;

import io.vigil.text.WireName;
import java.util.Optional;

/** What a credential may do with Security Center insights. */
public enum Permission implements WireName {
    /** List and read insights, counts and audit logs. */
    READ,
    /** Everything {@link #READ} may, plus classify and dismiss. */
    EDIT;

    /** Whether holding this permission allows an action that needs {@code needed}. */
    public boolean grants(Permission needed) {
        return this == EDIT || needed == READ;
    }

    public static Optional<Permission> fromWireName(String value) {
        return WireName.parse(Permission.class, value);
    }
}
