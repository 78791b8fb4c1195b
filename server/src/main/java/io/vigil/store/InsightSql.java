package io.vigil.store;

import io.vigil.insight.CountField;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.IssueType;
import io.vigil.insight.Severity;
import io.vigil.tenant.Scope;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code WHERE} clause for a scope and an {@link InsightFilter}, with its parameters. Values are always
 * bound, never spliced into the SQL.
 */
final class InsightSql {
    private final StringBuilder where = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    private InsightSql() {}

    static InsightSql where(Scope scope, InsightFilter filter) {
        InsightSql sql = new InsightSql();
        sql.condition(Sql.scopeColumn(scope) + " = ?", scope.id());
        sql.condition("dismissed = ?", filter.dismissed() ? 1 : 0);
        if (!filter.admitsSource()) {
            sql.where.append(" AND 0 = 1");
        }
        sql.in("issue_class", filter.issueClasses(), filter.excludedIssueClasses(), Function.identity(), false);
        sql.in("issue_type", filter.issueTypes(), filter.excludedIssueTypes(), IssueType::wireName, false);
        sql.in("product", filter.products(), filter.excludedProducts(), Function.identity(), true);
        sql.in("severity", filter.severities(), filter.excludedSeverities(), Severity::wireName, false);
        sql.in("subject", filter.subjects(), filter.excludedSubjects(), Function.identity(), false);
        return sql;
    }

    static String column(CountField field) {
        return switch (field) {
            case ISSUE_CLASS -> "issue_class";
            case SEVERITY -> "severity";
            case ISSUE_TYPE -> "issue_type";
        };
    }

    private void condition(String sql, Object param) {
        where.append(where.isEmpty() ? "" : " AND ").append(sql);
        params.add(param);
    }

    private <T> void in(
            String column, Collection<T> included, Collection<T> excluded, Function<T, String> name, boolean nullable) {
        if (!included.isEmpty()) {
            where.append(" AND ")
                    .append(column)
                    .append(" IN (")
                    .append(Sql.placeholders(included.size()))
                    .append(')');
            included.forEach(v -> params.add(name.apply(v)));
        }
        if (!excluded.isEmpty()) {
            where.append(" AND ");
            if (nullable) {
                where.append('(').append(column).append(" IS NULL OR ");
            }
            where.append(column)
                    .append(" NOT IN (")
                    .append(Sql.placeholders(excluded.size()))
                    .append(')');
            if (nullable) {
                where.append(')');
            }
            excluded.forEach(v -> params.add(name.apply(v)));
        }
    }

    String sql() {
        return where.toString();
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement p) throws SQLException {
        int index = 1;
        for (Object param : params) {
            p.setObject(index++, param);
        }
        return index;
    }
}
