package io.vigil.store;

import io.vigil.tenant.Scope;
import java.util.Collections;

/** SQL text every store shares: the column a scope selects on, and lists of placeholders. */
final class Sql {
    private Sql() {}

    /** The column of {@code insights} and {@code audit_log} that holds a row's account or zone. */
    static String scopeColumn(Scope scope) {
        return switch (scope) {
            case Scope.Account account -> "account_id";
            case Scope.Zone zone -> "zone_id";
        };
    }

    /** {@code ?, ?, ?} for {@code n} values. */
    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
