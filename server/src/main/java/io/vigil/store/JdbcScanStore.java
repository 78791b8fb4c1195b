package io.vigil.store;

import io.vigil.insight.IssueType;
import io.vigil.scan.Scan;
import io.vigil.scan.ScanRequest;
import io.vigil.scan.ScanStatus;
import io.vigil.scan.ScanStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** {@link ScanStore} on SQLite or PostgreSQL: the {@code scans} table. */
public final class JdbcScanStore implements ScanStore {
    private static final String COLUMNS =
            "id, account_id, zone_id, issue_type, issue_class, status, reason, started_ms, started_by";

    private final Database database;

    public JdbcScanStore(Database database) {
        this.database = database;
    }

    @Override
    public Admission start(Scan scan, Instant windowStart, int limit) {
        String lock = database.dialect().scanQuotaLock();
        return database.transaction(connection -> {
            if (lock != null) {
                try (Statement s = connection.createStatement()) {
                    s.execute(lock);
                }
            }
            List<Long> inWindow = startsSince(connection, scan.accountId(), windowStart);
            if (inWindow.size() >= limit) {
                return new Admission.Refused(Instant.ofEpochMilli(inWindow.get(0)));
            }
            insert(connection, scan);
            return new Admission.Started();
        });
    }

    @Override
    public int startedSince(String accountId, Instant windowStart) {
        return database.read(
                connection -> startsSince(connection, accountId, windowStart).size());
    }

    @Override
    public List<Scan> recent(String accountId, @Nullable String zoneId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM scans WHERE account_id = ?"
                + (zoneId == null ? "" : " AND (zone_id = ? OR zone_id IS NULL)")
                + " ORDER BY started_ms DESC, id DESC LIMIT ?";
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                int n = 1;
                p.setString(n++, accountId);
                if (zoneId != null) {
                    p.setString(n++, zoneId);
                }
                p.setInt(n, limit);
                List<Scan> scans = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        scans.add(scan(rs));
                    }
                }
                return scans;
            }
        });
    }

    /** Queued, or running under a claim that ended: what a node may claim. */
    private static final String CLAIMABLE = "(status = 'queued' OR (status = 'running' AND lease_until_ms < ?))";

    @Override
    public Optional<Claim> claim(String holder, Instant now, Instant until) {
        if (!claimable(now)) { // the common case, read without the write lock
            return Optional.empty();
        }
        return database.transaction(connection -> {
            String id;
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT id FROM scans WHERE " + CLAIMABLE + " ORDER BY started_ms, id LIMIT 1")) {
                p.setLong(1, now.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Claim>empty();
                    }
                    id = rs.getString(1);
                }
            }
            try (PreparedStatement p = connection.prepareStatement("UPDATE scans SET status = 'running', holder = ?,"
                    + " lease_until_ms = ?, attempts = attempts + 1 WHERE id = ? AND " + CLAIMABLE)) {
                p.setString(1, holder);
                p.setLong(2, until.toEpochMilli());
                p.setString(3, id);
                p.setLong(4, now.toEpochMilli());
                if (p.executeUpdate() == 0) {
                    return Optional.<Claim>empty(); // another node claimed it first: the next round looks again
                }
            }
            try (PreparedStatement p =
                    connection.prepareStatement("SELECT " + COLUMNS + ", attempts FROM scans WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return Optional.of(new Claim(scan(rs), rs.getInt("attempts")));
                }
            }
        });
    }

    private boolean claimable(Instant now) {
        return database.read(connection -> {
            try (PreparedStatement p =
                    connection.prepareStatement("SELECT 1 FROM scans WHERE " + CLAIMABLE + " LIMIT 1")) {
                p.setLong(1, now.toEpochMilli());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public boolean renew(String scanId, String holder, Instant until) {
        return database.transaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE scans SET lease_until_ms = ?" + " WHERE id = ? AND holder = ? AND status = 'running'")) {
                p.setLong(1, until.toEpochMilli());
                p.setString(2, scanId);
                p.setString(3, holder);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean finish(String scanId, String holder, ScanStatus status, @Nullable String reason, Instant at) {
        if (!status.finished() || (status == ScanStatus.FAILED) != (reason != null)) {
            throw new IllegalArgumentException("not an end of a scan: " + status + ", " + reason);
        }
        return database.transaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement("UPDATE scans SET status = ?, reason = ?,"
                    + " finished_ms = ?, holder = NULL, lease_until_ms = NULL"
                    + " WHERE id = ? AND holder = ? AND status = 'running'")) {
                p.setString(1, status.storedName());
                setNullable(p, 2, reason);
                p.setLong(3, at.toEpochMilli());
                p.setString(4, scanId);
                p.setString(5, holder);
                return p.executeUpdate() == 1;
            }
        });
    }

    /** The start times (epoch ms) of the account's scans after {@code windowStart}, oldest first. */
    private static List<Long> startsSince(Connection connection, String accountId, Instant windowStart)
            throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT started_ms FROM scans WHERE account_id = ? AND started_ms > ? ORDER BY started_ms")) {
            p.setString(1, accountId);
            p.setLong(2, windowStart.toEpochMilli());
            List<Long> starts = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    starts.add(rs.getLong(1));
                }
            }
            return starts;
        }
    }

    private static void insert(Connection connection, Scan scan) throws SQLException {
        try (PreparedStatement p =
                connection.prepareStatement("INSERT INTO scans (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, scan.id());
            p.setString(2, scan.accountId());
            setNullable(p, 3, scan.zoneId());
            setNullable(
                    p,
                    4,
                    scan.request() instanceof ScanRequest.OfType type
                            ? type.issueType().wireName()
                            : null);
            setNullable(p, 5, scan.request() instanceof ScanRequest.OfClass c ? c.issueClass() : null);
            p.setString(6, scan.status().storedName());
            setNullable(p, 7, scan.reason());
            p.setLong(8, scan.startedAt().toEpochMilli());
            p.setString(9, scan.startedBy());
            p.executeUpdate();
        }
    }

    private static Scan scan(ResultSet rs) throws SQLException {
        String issueType = rs.getString("issue_type");
        String issueClass = rs.getString("issue_class");
        ScanRequest request = issueType != null
                ? new ScanRequest.OfType(IssueType.fromWireName(issueType)
                        .orElseThrow(() -> new IllegalStateException("stored issue type " + issueType)))
                : issueClass != null ? new ScanRequest.OfClass(issueClass) : new ScanRequest.Everything();
        return new Scan(
                rs.getString("id"),
                rs.getString("account_id"),
                rs.getString("zone_id"),
                request,
                ScanStatus.ofStored(rs.getString("status")),
                rs.getString("reason"),
                Instant.ofEpochMilli(rs.getLong("started_ms")),
                rs.getString("started_by"));
    }

    private static void setNullable(PreparedStatement p, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, value);
        }
    }
}
