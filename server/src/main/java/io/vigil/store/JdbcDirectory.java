package io.vigil.store;

import io.vigil.tenant.Directory;
import io.vigil.tenant.Scope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@link Directory} on the {@code accounts} and {@code zones} tables, on either dialect. Thread-safe. */
public final class JdbcDirectory implements Directory {
    private final Database database;

    public JdbcDirectory(Database database) {
        this.database = database;
    }

    @Override
    public List<Account> accounts(Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> bound = List.copyOf(ids);
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT id, COALESCE(name, id) AS label"
                    + " FROM accounts WHERE id IN (" + Sql.placeholders(bound.size()) + ") ORDER BY label, id")) {
                for (int i = 0; i < bound.size(); i++) {
                    p.setString(i + 1, bound.get(i));
                }
                List<Account> accounts = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        accounts.add(new Account(rs.getString(1), rs.getString(2)));
                    }
                }
                return accounts;
            }
        });
    }

    @Override
    public List<Zone> zones(Set<String> accountIds, Set<String> zoneIds, @Nullable String onlyAccount) {
        if (accountIds.isEmpty() && zoneIds.isEmpty()) {
            return List.of();
        }
        // "IN ('')" where a set is empty: no account or zone id is empty, so it matches nothing.
        List<String> accounts = accountIds.isEmpty() ? List.of("") : List.copyOf(accountIds);
        List<String> zones = zoneIds.isEmpty() ? List.of("") : List.copyOf(zoneIds);
        String sql = "SELECT z.id, COALESCE(z.name, z.id) AS label, a.id, COALESCE(a.name, a.id)"
                + " FROM zones z JOIN accounts a ON a.id = z.account_id"
                + " WHERE (z.account_id IN (" + Sql.placeholders(accounts.size()) + ") OR z.id IN ("
                + Sql.placeholders(zones.size()) + "))"
                + (onlyAccount == null ? "" : " AND z.account_id = ?")
                + " ORDER BY label, z.id";
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                int n = 1;
                for (String id : accounts) {
                    p.setString(n++, id);
                }
                for (String id : zones) {
                    p.setString(n++, id);
                }
                if (onlyAccount != null) {
                    p.setString(n, onlyAccount);
                }
                List<Zone> found = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Zone(
                                rs.getString(1), rs.getString(2), new Account(rs.getString(3), rs.getString(4))));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public void name(Scope scope, String name) {
        String table = switch (scope) {
            case Scope.Account account -> "accounts";
            case Scope.Zone zone -> "zones";
        };
        database.inTransaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement("UPDATE " + table + " SET name = ? WHERE id = ?")) {
                p.setString(1, name);
                p.setString(2, scope.id());
                p.executeUpdate();
            }
        });
    }
}
