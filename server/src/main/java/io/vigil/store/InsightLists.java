package io.vigil.store;

import io.vigil.error.ErrorCode;
import io.vigil.error.UnavailableException;
import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.insight.InsightIds;
import io.vigil.insight.InsightPage;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Lists and counts of insights. A page starts from the nearest list position remembered for its query
 * ({@link ListPositions}), so a deep page costs what a shallow one does once its query has been walked;
 * totals and counts sum {@code insight_tallies} unless the filter is on subjects. Thread-safe.
 */
final class InsightLists {
    /** Counting more rows than this past the nearest remembered position is a walk: one per query at a time. */
    private static final long WALK = 1_000;
    /** How long a request waits for another's walk of the same query, and how many times, before counting. */
    private static final long WALK_WAIT_MS = 5_000;

    private static final int MAX_WALK_WAITS = 3;
    /** How many times a page read across a committed change is read again. */
    private static final int CONSISTENT_ATTEMPTS = 3;

    private final Database database;
    private final ListPositions positions;

    InsightLists(Database database, ListPositions positions) {
        this.database = database;
        this.positions = positions;
    }

    InsightPage list(Scope scope, InsightFilter filter, int page, int perPage) {
        long offset = (long) (page - 1) * perPage;
        for (int waits = 0; ; waits++) {
            boolean mayWait = waits < MAX_WALK_WAITS;
            Listed listed = database.read(connection -> list(connection, scope, filter, offset, perPage, mayWait));
            InsightPage result = listed.page();
            CompletableFuture<Void> walk = listed.otherWalk();
            if (result != null || walk == null) {
                return Objects.requireNonNull(result, "page");
            }
            // Outside the read: a waiting request holds no connection.
            try {
                walk.get(WALK_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // count without waiting for it any longer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException(ErrorCode.STORE_UNAVAILABLE, "interrupted; retry", e);
            }
        }
    }

    /** A page, or the walk of another request to wait for before asking again. */
    private record Listed(
            @Nullable InsightPage page, @Nullable CompletableFuture<Void> otherWalk) {}

    private Listed list(
            Connection connection, Scope scope, InsightFilter filter, long offset, int perPage, boolean mayWait)
            throws SQLException {
        boolean walking = false;
        try {
            for (int attempt = 1; ; attempt++) {
                long version = ListVersion.read(connection);
                Long held = positions.version(scope, filter);
                if (held != null && held < version) { // changed elsewhere: move the positions if only dismissals did
                    List<ListPositions.Dismissal> changes = ListChanges.between(connection, held, version);
                    if (changes != null) {
                        positions.dismissed(held, version, changes);
                    }
                }
                Map.Entry<Long, ListPositions.Position> start = positions.floor(scope, filter, version, offset);
                long from = start == null ? 0 : start.getKey();
                if (!walking && mayWait && offset - from > WALK) {
                    CompletableFuture<Void> other = positions.walk(scope, filter);
                    if (other != null) {
                        return new Listed(null, other);
                    }
                    walking = true;
                }
                // Read one row before the page too (when there is one past the start), to remember where it begins.
                boolean lead = offset > from;
                List<Insight> rows = rows(
                        connection,
                        scope,
                        filter,
                        start == null ? null : start.getValue(),
                        offset - from,
                        perPage,
                        lead);
                long total = total(connection, scope, filter);
                // Positions are remembered only if no change committed while the page was read (the version read
                // before and after agree): a page read across a change is read again, a few times at most.
                boolean unchanged = ListVersion.read(connection) == version;
                if (lead && !rows.isEmpty()) {
                    Insight before = rows.remove(0);
                    if (unchanged) {
                        positions.remember(scope, filter, version, offset, ListPositions.Position.of(before));
                    }
                }
                if (unchanged && !rows.isEmpty()) {
                    positions.remember(
                            scope,
                            filter,
                            version,
                            offset + rows.size(),
                            ListPositions.Position.of(rows.get(rows.size() - 1)));
                }
                if (unchanged || attempt == CONSISTENT_ATTEMPTS) {
                    return new Listed(new InsightPage(rows, total), null);
                }
            }
        } finally {
            if (walking) {
                positions.walked(scope, filter);
            }
        }
    }

    /** Up to {@code perPage} rows (one more with {@code lead}), {@code skip} rows after {@code start}. */
    private static List<Insight> rows(
            Connection connection,
            Scope scope,
            InsightFilter filter,
            ListPositions.@Nullable Position start,
            long skip,
            int perPage,
            boolean lead)
            throws SQLException {
        InsightSql where = InsightSql.where(scope, filter);
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(InsightRows.SELECTED_COLUMNS)
                .append(" FROM insights WHERE ")
                .append(where.sql());
        if (start != null) {
            // "after (t, id)" in (timestamp DESC, id) order; the bare "timestamp_ms <= ?" lets SQLite seek.
            sql.append(" AND timestamp_ms <= ? AND (timestamp_ms < ? OR id > ?)");
        }
        sql.append(" ORDER BY timestamp_ms DESC, id LIMIT ? OFFSET ?");
        List<Insight> rows = new ArrayList<>(perPage + 1);
        try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
            int next = where.bind(p);
            if (start != null) {
                p.setLong(next++, start.timestampMs());
                p.setLong(next++, start.timestampMs());
                p.setString(next++, start.id());
            }
            p.setInt(next++, perPage + (lead ? 1 : 0));
            p.setLong(next, skip - (lead ? 1 : 0));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(InsightRows.insight(rs));
                }
            }
        }
        return rows;
    }

    /**
     * The ids of the first {@code max} insights of the list, and how many pass the filter; no ids if more than
     * {@code max} do (then no row is read). What a bulk by filter changes: the ids alone, in the list's order,
     * from an index, with no page and no remembered position. With one issue class in the filter, SQLite and
     * PostgreSQL read them from that class's own index ({@code insights_by_class}), so a rare class is found
     * without walking the rest of the account.
     */
    InsightIds ids(Scope scope, InsightFilter filter, int max) {
        InsightSql where = InsightSql.where(scope, filter);
        String sql = idsSql(where);
        return database.read(connection -> {
            long total = total(connection, scope, filter);
            if (total > max) {
                return new InsightIds(List.of(), total);
            }
            List<String> ids = new ArrayList<>((int) total);
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                p.setInt(where.bind(p), max);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return new InsightIds(ids, total);
        });
    }

    /** The first ids of the list of {@code where}, in its order; the last parameter is how many. */
    static String idsSql(InsightSql where) {
        return "SELECT id FROM insights WHERE " + where.sql() + " ORDER BY timestamp_ms DESC, id LIMIT ?";
    }

    /** How many insights pass the filter: from the tallies, unless the filter is on subjects. */
    private static long total(Connection connection, Scope scope, InsightFilter filter) throws SQLException {
        InsightSql where = InsightSql.where(scope, filter);
        String sql = usesTallies(filter)
                ? "SELECT coalesce(sum(n), 0) FROM insight_tallies WHERE " + where.sql()
                : "SELECT count(*) FROM insights WHERE " + where.sql();
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            where.bind(p);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The tallies hold every filtered field but the subject. */
    private static boolean usesTallies(InsightFilter filter) {
        return filter.subjects().isEmpty() && filter.excludedSubjects().isEmpty();
    }

    List<Count> count(Scope scope, InsightFilter filter, CountField field) {
        InsightSql where = InsightSql.where(scope, filter);
        String column = InsightSql.column(field);
        String sql = usesTallies(filter)
                ? "SELECT " + column + ", sum(n) AS c FROM insight_tallies WHERE " + where.sql() + " GROUP BY " + column
                        + " HAVING sum(n) > 0 ORDER BY c DESC, " + column
                : "SELECT " + column + ", count(*) AS c FROM insights WHERE " + where.sql() + " GROUP BY " + column
                        + " ORDER BY c DESC, " + column;
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                where.bind(p);
                try (ResultSet rs = p.executeQuery()) {
                    List<Count> counts = new ArrayList<>();
                    while (rs.next()) {
                        counts.add(new Count(rs.getString(1), rs.getLong(2)));
                    }
                    return counts;
                }
            }
        });
    }
}
