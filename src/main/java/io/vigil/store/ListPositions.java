package io.vigil.store;

import io.vigil.insight.InsightFilter;
import io.vigil.tenant.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Remembered positions in filtered insight lists, so that page 500 of a query costs what page 1 costs
 * once the query has been seen: a position is the sort key (last seen, id) of the row before a given
 * offset, and a page starts from the nearest remembered one instead of counting rows from the top.
 *
 * <p>Positions belong to one version of the insight set (bumped by imports and dismissals in their
 * transaction) and are forgotten when it changes. Bounded: at most {@link #QUERIES} queries, each with
 * at most {@link #PER_QUERY} positions. Thread-safe.
 */
final class ListPositions {
    static final int QUERIES = 512;
    static final int PER_QUERY = 256;

    /** The sort key of one row: {@code ORDER BY timestamp_ms DESC, id}. */
    record Position(long timestampMs, String id) {}

    private record Key(Scope scope, InsightFilter filter) {}

    private record Positions(long version, TreeMap<Long, Position> byOffset) {}

    private final Map<Key, Positions> queries = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Positions> eldest) {
            return size() > QUERIES;
        }
    };

    /** The remembered position with the greatest offset at most {@code offset}, if any. */
    synchronized Map.@Nullable Entry<Long, Position> floor(
            Scope scope, InsightFilter filter, long version, long offset) {
        Positions positions = queries.get(new Key(scope, filter));
        if (positions == null || positions.version() != version) {
            return null;
        }
        return positions.byOffset().floorEntry(offset);
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
}
