package io.vigil.store;

import io.vigil.insight.Insight;
import io.vigil.insight.InsightFilter;
import io.vigil.tenant.Scope;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Remembered positions in filtered insight lists, so that page 500 of a query costs what page 1 costs
 * once the query has been seen: a position is the sort key (last seen, id) of the row before a given
 * offset, and a page starts from the nearest remembered one instead of counting rows from the top.
 *
 * <p>Positions belong to one version of the insight set (bumped in the transaction of every import and
 * dismissal) and are used only at that version. A dismissal made through this store does not lose them:
 * once committed, {@link #dismissed} moves each query's positions to the new version, shifted by one
 * where the dismissed or restored insight is in that query's list and sorts at or before them. Dismissals
 * made by another process or node move them the same way once a list sees the new version ({@link
 * ListChanges} reads them from the change log); any other change (an import) forgets them.
 *
 * <p>A request that would count far from its nearest position first asks {@link #walk}: one request per
 * query counts while the others for that query wait for its positions instead of counting too.
 *
 * <p>Bounded: at most {@link #QUERIES} queries, each with at most {@link #PER_QUERY} positions. Thread-safe.
 */
final class ListPositions {
    static final int QUERIES = 512;
    static final int PER_QUERY = 256;

    /** The list order: last seen first, then id. */
    static final Comparator<Position> ORDER =
            Comparator.comparingLong(Position::timestampMs).reversed().thenComparing(Position::id);

    /** The sort key of one row: {@code ORDER BY timestamp_ms DESC, id}. */
    record Position(long timestampMs, String id) {
        static Position of(Insight insight) {
            return new Position(insight.timestamp().toEpochMilli(), insight.id());
        }
    }

    /** An insight whose dismissal changed: as it was before, and whether it is dismissed now. */
    record Dismissal(Insight before, boolean dismissed) {}

    private record Key(Scope scope, InsightFilter filter) {}

    private record Positions(long version, NavigableMap<Long, Position> byOffset) {}

    private final Map<Key, Positions> queries = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Positions> eldest) {
            return size() > QUERIES;
        }
    };

    /** Queries one request is counting far into right now: the others wait for it. */
    private final Map<Key, CompletableFuture<Void>> walks = new HashMap<>();

    /** The remembered position with the greatest offset at most {@code offset}, if any. */
    synchronized Map.@Nullable Entry<Long, Position> floor(
            Scope scope, InsightFilter filter, long version, long offset) {
        Positions positions = queries.get(new Key(scope, filter));
        if (positions == null || positions.version() != version) {
            return null;
        }
        return positions.byOffset().floorEntry(offset);
    }

    /** The version of the positions remembered for a query, if any. */
    synchronized @Nullable Long version(Scope scope, InsightFilter filter) {
        Positions positions = queries.get(new Key(scope, filter));
        return positions == null ? null : positions.version();
    }

    /** Remembers that the row before {@code offset} has sort key {@code position}. */
    synchronized void remember(Scope scope, InsightFilter filter, long version, long offset, Position position) {
        Key key = new Key(scope, filter);
        Positions positions = queries.get(key);
        if (positions == null || positions.version() != version) {
            positions = new Positions(version, new TreeMap<>());
            queries.put(key, positions);
        }
        if (positions.byOffset().size() >= PER_QUERY) {
            positions.byOffset().pollFirstEntry();
        }
        positions.byOffset().put(offset, position);
    }

    /**
     * After a committed transaction took the insight set from {@code before} to {@code after} by exactly
     * {@code changes} (in order): moves the positions of version {@code before} to {@code after}. A row
     * entering a query's list before a position adds one to its offset, a row leaving subtracts one; the
     * position keeps its sort key, which stays a valid keyset boundary even if its own row left.
     */
    synchronized void dismissed(long before, long after, List<Dismissal> changes) {
        for (Map.Entry<Key, Positions> entry : queries.entrySet()) {
            Positions positions = entry.getValue();
            if (positions.version() != before) {
                continue;
            }
            NavigableMap<Long, Position> byOffset = positions.byOffset();
            for (Dismissal change : changes) {
                byOffset = shifted(entry.getKey(), byOffset, change);
            }
            entry.setValue(new Positions(after, byOffset));
        }
    }

    private static NavigableMap<Long, Position> shifted(
            Key key, NavigableMap<Long, Position> byOffset, Dismissal change) {
        Insight row = change.before();
        if (!key.scope().contains(row.accountId(), row.zoneId())
                || !key.filter().testApartFromDismissal(row)) {
            return byOffset;
        }
        int delta = change.dismissed() == key.filter().dismissed() ? 1 : -1;
        Position moved = Position.of(row);
        NavigableMap<Long, Position> shifted = new TreeMap<>();
        for (Map.Entry<Long, Position> position : byOffset.entrySet()) {
            long offset = position.getKey();
            shifted.put(ORDER.compare(moved, position.getValue()) <= 0 ? offset + delta : offset, position.getValue());
        }
        return shifted;
    }

    /**
     * Before counting far from the nearest position of a query: {@code null} if the caller is now the one
     * request counting in it (it must call {@link #walked} when done, even if it fails); otherwise what
     * completes when the request already counting is done.
     */
    synchronized @Nullable CompletableFuture<Void> walk(Scope scope, InsightFilter filter) {
        Key key = new Key(scope, filter);
        CompletableFuture<Void> other = walks.get(key);
        if (other != null) {
            return other;
        }
        walks.put(key, new CompletableFuture<>());
        return null;
    }

    /** Ends the walk the caller began with {@link #walk}, waking the requests that waited for it. */
    void walked(Scope scope, InsightFilter filter) {
        CompletableFuture<Void> done;
        synchronized (this) {
            done = walks.remove(new Key(scope, filter));
        }
        if (done != null) {
            done.complete(null);
        }
    }
}
