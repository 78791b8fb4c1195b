package io.vigil.testing;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditPage;
import io.vigil.audit.AuditQuery;
import io.vigil.store.Database;
import io.vigil.store.JdbcAuditLog;
import io.vigil.tenant.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An insight's audit entries, oldest first, read through the audit log as the API reads them. */
public final class AuditTrail {
    private AuditTrail() {}

    public static List<AuditEntry> of(Database database, String accountId, String issueId) {
        JdbcAuditLog log = new JdbcAuditLog(database);
        List<AuditEntry> entries = new ArrayList<>();
        UUID after = null;
        while (true) {
            AuditPage page = log.list(new AuditQuery(
                    new Scope.Account(accountId), issueId, null, null, null, null, AuditQuery.Order.ASC, after, 1000));
            page.items().forEach(item -> entries.add(item.entry()));
            if (!page.hasMore()) {
                return entries;
            }
            after = entries.get(entries.size() - 1).id();
        }
    }
}
