package io.vigil.tenant;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The accounts and zones Vigil knows (those an import or the demo created), with their display names. */
public interface Directory {
    /** An account; {@code name} is its id until one is given. */
    record Account(String id, String name) {}

    /** A zone and the account it belongs to; {@code name} is its id until one is given. */
    record Zone(String id, String name, Account account) {}

    /** The known accounts among {@code ids}, by name, then id. */
    List<Account> accounts(Set<String> ids);

    /**
     * The known zones of the accounts {@code accountIds} and the zones {@code zoneIds}, by name, then id.
     *
     * @param onlyAccount if not {@code null}, only this account's zones among them
     */
    List<Zone> zones(Set<String> accountIds, Set<String> zoneIds, @Nullable String onlyAccount);

    /** Gives an account or zone that already exists a display name. */
    void name(Scope scope, String name);
}
