package io.vigil.audit;

/** The read side of the audit trail (entries are written with the change they record). Thread-safe. */
public interface AuditLog {

    /** A page of entries matching {@code query}. */
    AuditPage list(AuditQuery query);
}
