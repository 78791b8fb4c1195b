package io.vigil.client;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the audit-log routes. {@code null} filters are not sent.
 *
 * @param since entries changed at or after this time
 * @param before entries changed before this time
 * @param changedBy entries made by this actor ({@code system}, {@code token:<id>}, …)
 * @param order oldest ({@link Order#ASC}) or newest ({@link Order#DESC}) first; {@code null}: the server's default
 * @param perPage entries per request; {@code null}: the server's default
 */
public record AuditLogQuery(
        @Nullable Instant since,
        @Nullable Instant before,
        @Nullable String changedBy,
        @Nullable Field fieldChanged,
        @Nullable Order order,
        @Nullable Integer perPage) {
    /** Every entry, in the server's order and page size. */
    public static final AuditLogQuery ALL = new AuditLogQuery(null, null, null, null, null, null);

    /** Refuses a page size below 1. */
    public AuditLogQuery {
        if (perPage != null && perPage < 1) {
            throw new IllegalArgumentException("perPage must be at least 1; got " + perPage);
        }
    }

    /** This query, with entries changed at or after {@code time}. */
    public AuditLogQuery since(Instant time) {
        return new AuditLogQuery(time, before, changedBy, fieldChanged, order, perPage);
    }

    /** This query, with entries changed before {@code time}. */
    public AuditLogQuery before(Instant time) {
        return new AuditLogQuery(since, time, changedBy, fieldChanged, order, perPage);
    }

    /** This query, with entries made by {@code actor}. */
    public AuditLogQuery changedBy(String actor) {
        return new AuditLogQuery(since, before, actor, fieldChanged, order, perPage);
    }

    /** This query, with entries of {@code field}. */
    public AuditLogQuery fieldChanged(Field field) {
        return new AuditLogQuery(since, before, changedBy, field, order, perPage);
    }

    /** This query, in {@code value} order. */
    public AuditLogQuery order(Order value) {
        return new AuditLogQuery(since, before, changedBy, fieldChanged, value, perPage);
    }

    /** This query, {@code value} entries per request. */
    public AuditLogQuery perPage(int value) {
        return new AuditLogQuery(since, before, changedBy, fieldChanged, order, value);
    }

    /** The parameters of the page that {@code cursor} names ({@code null}: the first). */
    Query page(@Nullable String cursor) {
        Query query = new Query();
        if (perPage != null) {
            query.add("per_page", perPage.toString());
        }
        if (cursor != null) {
            query.add("cursor", cursor);
        }
        if (fieldChanged != null) {
            query.add("field_changed", fieldChanged.name().toLowerCase(Locale.ROOT));
        }
        if (changedBy != null) {
            query.add("changed_by", changedBy);
        }
        if (since != null) {
            query.add("since", since.toString());
        }
        if (before != null) {
            query.add("before", before.toString());
        }
        if (order != null) {
            query.add("order", order.name().toLowerCase(Locale.ROOT));
        }
        return query;
    }

    /** The fields the audit log records changes of. */
    public enum Field {
        STATUS,
        USER_CLASSIFICATION
    }

    /** Oldest first or newest first. */
    public enum Order {
        ASC,
        DESC
    }
}
