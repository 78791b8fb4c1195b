package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk import (on SQLite; {@link Dialect#bulkLoadDefersIndexes}): the secondary indexes of {@code insights} and its tally insert trigger are
 * dropped for the load and recreated after it. Each insert into a million-row table otherwise lands on a
 * different page of each list index, and every commit writes thousands of pages (docs/benchmarks.md); an
 * index built once from the loaded table costs a few seconds per million rows. While the insert trigger is
 * gone, {@link InsightImport#upsert} counts the rows it inserts into {@code insight_tallies} itself, in
 * the same transaction ({@link #countInserted}), so the tallies stay exact throughout; the update trigger
 * (dismissals, changed classes or severities) stays.
 *
 * <p>Crash safety: the statements that recreate the dropped objects are saved in {@code deferred_schema}
 * in the transaction that drops them, and deleted in the one transaction that recreates them and bumps the
 * list version. A row there therefore always means "still to recreate", and every process that opens the
 * database recreates them first ({@link #restore}): a killed import leaves complete rows, exact tallies,
 * and lost only list speed until the next open. The recreation is idempotent, so a server opening the
 * database during someone else's load, or two loads at once, stay correct.
 *
 * <p>Durability: the load's transactions commit without waiting for {@code fsync} ({@code synchronous=NORMAL}),
 * and {@link #close} rebuilds in a {@code FULL} transaction (or only bumps the list version, if another process
 * rebuilt meanwhile), whose sync of the log makes every batch before it durable: when the import reports
 * success, all of it is on disk. A killed process loses no committed batch either way; a power cut during the
 * load may lose its last ones, never the file's consistency.
 *
 * <p>While a load runs, other processes see every committed batch, exact counts, and slow lists (no list
 * index). PostgreSQL keeps its indexes and triggers: there a bulk load only means larger transactions. Not
 * thread-safe: one per import.
 */
public final class BulkLoad implements AutoCloseable {
    /** Imports smaller than this never pay for rebuilding the indexes of the whole table. */
    static final long MIN_ROWS = 100_000;

    /**
     * The page cache (KiB) while indexes are built: also how much SQLite's sorter fills in memory before it
     * hands the run to a helper thread, so it holds up to (helpers + 1) times this.
     */
    private static final int BUILD_CACHE_KIB = 8 * 1024;

    /** SQLite's helper threads for sorting index entries: one per core, up to 4 (at most 2 cores' gain here). */
    private static final int BUILD_THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final Logger LOG = LoggerFactory.getLogger(BulkLoad.class);

    /** The trigger that counts inserted insights (migration V2): the only trigger a load drops. */
    private static final String INSERT_TRIGGER = "insights_tally_insert";

    /** Adds to a tally what {@link #INSERT_TRIGGER} would have added row by row. */
    private static final String ADD_TO_TALLY = "INSERT INTO insight_tallies"
            + " (account_id, dismissed, issue_type, issue_class, severity, product, zone_id, n)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (account_id, dismissed, issue_type, issue_class, severity, product, zone_id)"
            + " DO UPDATE SET n = insight_tallies.n + excluded.n";

    /**
     * The writer's checkpoint interval (pages of WAL) during a load: 256 MiB instead of 32. The pages of the id
     * index that each 50,000-row transaction rewrites are then copied into the database file once every few
     * commits instead of at every commit (docs/benchmarks.md). The WAL file grows
     * to about this plus one transaction meanwhile; only this process's connection is affected.
     */
    private static final int LOAD_CHECKPOINT_PAGES = 65_536;

    private final Database database;
    /** The writer's checkpoint interval before the load, set back after it (SQLite only). */
    private final long checkpointPages;

    private boolean closed;

    private BulkLoad(Database database, long checkpointPages) {
        this.database = database;
        this.checkpointPages = checkpointPages;
    }

    /**
     * Whether a bulk load pays for an import of about {@code rows} insights: at least {@link #MIN_ROWS}, and
     * at least a quarter of the insights already stored (rebuilding costs in proportion to the whole table).
     */
    public static boolean pays(Database database, long rows) {
        if (rows < MIN_ROWS) {
            return false;
        }
        long stored = database.read(connection -> {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT coalesce(sum(n), 0) FROM insight_tallies")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return rows * 4 >= stored;
    }

    /** Starts a bulk load: in SQLite, drops the secondary indexes and the insert trigger of {@code insights}. */
    public static BulkLoad begin(Database database) {
        if (!database.dialect().bulkLoadDefersIndexes()) {
            return new BulkLoad(database, 0);
        }
        long checkpointPages = database.transaction(connection -> {
            defer(connection);
            return setPragma(connection, "wal_autocheckpoint", LOAD_CHECKPOINT_PAGES);
        });
        database.syncEachCommit(false);
        return new BulkLoad(database, checkpointPages);
    }

    private static void defer(Connection connection) throws SQLException {
        List<String[]> objects = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'insights'"
                        + " AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' AND name = '"
                        + INSERT_TRIGGER + "')) ORDER BY type, name")) {
            while (rs.next()) {
                objects.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        try (PreparedStatement save = connection.prepareStatement(
                        "INSERT INTO deferred_schema (name, type, sql) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING");
                Statement drop = connection.createStatement()) {
            for (String[] object : objects) {
                save.setString(1, object[1]);
                save.setString(2, object[0]);
                save.setString(3, object[2]);
                save.executeUpdate();
                drop.execute("DROP " + (object[0].equals("index") ? "INDEX" : "TRIGGER") + " " + quoted(object[1]));
            }
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Whether SQLite already has this index or trigger (rows are deferred only in SQLite). */
    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Ends the load: recreates what it dropped, in one transaction. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            database.syncEachCommit(true);
            try {
                if (!restore(database)) {
                    // Another process recreated the indexes meanwhile. The load's batches still need a durable
                    // commit after them (a read-only one syncs nothing): the version bump the rebuild would make.
                    database.inTransaction(ListVersion::bump);
                }
            } finally {
                if (database.dialect().bulkLoadDefersIndexes()) {
                    database.transaction(connection -> setPragma(connection, "wal_autocheckpoint", checkpointPages));
                }
            }
        }
    }

    /**
     * Whether inserts into {@code insights} are not counted by the trigger now (a bulk load dropped it), so
     * the inserting transaction must count them with {@link #countInserted}. Asked inside that transaction.
     */
    static boolean insertsUncounted(Connection connection, Dialect dialect) throws SQLException {
        return dialect.bulkLoadDefersIndexes() && !exists(connection, INSERT_TRIGGER);
    }

    /** Adds the insights just inserted to {@code insight_tallies}, one statement per combination. */
    static void countInserted(Connection connection, List<io.vigil.insight.Insight> inserted) throws SQLException {
        java.util.Map<List<Object>, Long> tallies = new java.util.HashMap<>();
        for (io.vigil.insight.Insight i : inserted) {
            List<Object> key = List.of(
                    i.accountId(),
                    i.dismissed() ? 1 : 0,
                    i.issueType().wireName(),
                    i.issueClass(),
                    i.severity().wireName(),
                    i.product() == null ? "" : i.product(),
                    i.zoneId() == null ? "" : i.zoneId());
            tallies.merge(key, 1L, Long::sum);
        }
        try (PreparedStatement add = connection.prepareStatement(ADD_TO_TALLY)) {
            for (java.util.Map.Entry<List<Object>, Long> tally : tallies.entrySet()) {
                for (int c = 0; c < 7; c++) {
                    add.setObject(c + 1, tally.getKey().get(c));
                }
                add.setLong(8, tally.getValue());
                add.addBatch();
            }
            add.executeBatch();
        }
    }

    /**
     * Recreates every deferred index and trigger and bumps the list version, in one transaction, if anything
     * is deferred; returns whether it was.
     */
    static boolean restore(Database database) {
        return database.transaction(connection -> {
            List<String[]> deferred = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT type, name, sql FROM deferred_schema ORDER BY type, name")) {
                while (rs.next()) {
                    deferred.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            if (deferred.isEmpty()) {
                return false;
            }
            long started = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                long cacheSize = pragma(s, "cache_size");
                long threads = pragma(s, "threads");
                // SQLite sorts index entries in runs of up to a page cache's worth of memory: a small cache while
                // the indexes are built keeps the import's peak RSS near the load's (its budget is 512 MB). Helper
                // threads sort and merge those runs on the other cores.
                s.execute("PRAGMA cache_size = -" + BUILD_CACHE_KIB);
                s.execute("PRAGMA threads = " + BUILD_THREADS);
                try {
                    recreate(connection, s, deferred);
                } finally {
                    s.execute("PRAGMA threads = " + threads);
                    s.execute("PRAGMA cache_size = " + cacheSize);
                }
            }
            LOG.info(
                    "recreated {} indexes and triggers of insights in {} ms",
                    deferred.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        });
    }

    /** Sets a pragma of this connection; returns its value before. */
    private static long setPragma(Connection connection, String name, long value) throws SQLException {
        try (Statement s = connection.createStatement()) {
            long before = pragma(s, name);
            s.execute("PRAGMA " + name + " = " + value);
            return before;
        }
    }

    private static long pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Creates the deferred indexes, then the triggers, and forgets them; bumps the list version. */
    private static void recreate(Connection connection, Statement s, List<String[]> deferred) throws SQLException {
        for (String[] object : deferred) {
            if (object[0].equals("index") && !exists(connection, object[1])) {
                s.execute(object[2]);
            }
        }
        for (String[] object : deferred) {
            if (object[0].equals("trigger") && !exists(connection, object[1])) {
                s.execute(object[2]);
            }
        }
        s.execute("DELETE FROM deferred_schema");
        ListVersion.bump(connection);
    }
}
