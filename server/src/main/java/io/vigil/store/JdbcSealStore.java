package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.seal.KeyChange;
import io.vigil.seal.Seal;
import io.vigil.seal.SealStore;
import io.vigil.seal.VerifyingKey;
import io.vigil.tenant.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link SealStore} on SQLite or PostgreSQL. Writers give each entry its position and leaf hash as they insert it
 * ({@link EntryAppender}); a sealer reads the entries after the last seal, outside any write transaction, and
 * inserts one seal row over them in a short transaction that sealers take turns at ({@link Dialect#sealLock}).
 * No entry is ever updated, and writers never wait for sealing. What may be sealed is the sealer's to decide
 * ({@link io.vigil.seal.Sealer}): this class only reads and writes rows. Thread-safe.
 */
public final class JdbcSealStore implements SealStore {
    private static final String SEAL_COLUMNS =
            "seal, first_position, last_position, merkle_root, hash, sealed_at_ms, key_id, signature";
    private static final String KEY_CHANGE_COLUMNS = "change, from_key_id, to_public_key, after_seal, after_hash,"
            + " changed_at_ms, from_signature, to_signature, to_key_id";
    private static final String KEY_SETTING = "audit_public_key";
    private static final int FETCH = 4_096;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Database database;

    public JdbcSealStore(Database database) {
        this.database = database;
    }

    @Override
    public Tail tail(int max) {
        return database.read(connection -> {
            Seal previous = head(connection).orElse(null);
            List<SealStore.Written> entries = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT position, leaf_hash, id, changed_at_ms"
                    + " FROM audit_log WHERE position >= ? ORDER BY position LIMIT ?")) {
                p.setLong(1, previous == null ? 1 : previous.lastPosition() + 1);
                p.setInt(2, max);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        entries.add(
                                new SealStore.Written(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getLong(4)));
                    }
                }
            }
            return new Tail(previous, entries);
        });
    }

    @Override
    public boolean append(@Nullable Seal previous, Seal seal) {
        return database.transaction(connection -> {
            String lock = database.dialect().sealLock();
            if (lock != null) {
                try (Statement s = connection.createStatement()) {
                    s.execute(lock);
                }
            }
            Seal head = head(connection).orElse(null);
            if (head == null ? previous != null : previous == null || head.number() != previous.number()) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_seals (" + SEAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, seal.number());
                insert.setLong(2, seal.firstPosition());
                insert.setLong(3, seal.lastPosition());
                insert.setBytes(4, seal.merkleRoot());
                insert.setBytes(5, seal.hash());
                insert.setLong(6, seal.sealedAt().toEpochMilli());
                insert.setString(7, seal.keyId());
                insert.setBytes(8, seal.signature());
                insert.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public List<Seal> sealsFrom(long number, int limit) {
        return database.scan(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT " + SEAL_COLUMNS + " FROM audit_seals WHERE seal >= ? ORDER BY seal LIMIT ?")) {
                p.setLong(1, number);
                p.setInt(2, limit);
                p.setFetchSize(FETCH);
                try (ResultSet rs = p.executeQuery()) {
                    List<Seal> seals = new ArrayList<>();
                    while (rs.next()) {
                        seals.add(seal(rs));
                    }
                    return seals;
                }
            }
        });
    }

    @Override
    public boolean anyUnpositioned() {
        return database.read(connection -> {
            try (PreparedStatement p =
                            connection.prepareStatement("SELECT 1 FROM audit_log WHERE position IS NULL LIMIT 1");
                    ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public Optional<Seal> head() {
        return database.read(JdbcSealStore::head);
    }

    private static Optional<Seal> head(Connection connection) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                        "SELECT " + SEAL_COLUMNS + " FROM audit_seals ORDER BY seal DESC LIMIT 1");
                ResultSet rs = p.executeQuery()) {
            return rs.next() ? Optional.of(seal(rs)) : Optional.empty();
        }
    }

    @Override
    public long unsealed() {
        return database.read(connection -> {
            long last = EntryAppender.lastPosition(connection);
            return last - head(connection).map(Seal::lastPosition).orElse(0L);
        });
    }

    @Override
    public List<Seal> seals() {
        return sealsFrom(1, Integer.MAX_VALUE);
    }

    @Override
    public void scanEntries(EntryVisitor visitor) {
        database.scan(connection -> {
            String select = "SELECT " + InsightRows.AUDIT_COLUMNS + ", leaf_hash, position FROM audit_log";
            try (PreparedStatement p =
                    connection.prepareStatement(select + " WHERE position IS NOT NULL ORDER BY position")) {
                p.setFetchSize(FETCH);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        visitor.entry(InsightRows.storedEntry(rs, rs.getLong(InsightRows.AUDIT_COLUMN_COUNT + 2)));
                    }
                }
            }
            try (PreparedStatement p = connection.prepareStatement(select + " WHERE position IS NULL ORDER BY id")) {
                p.setFetchSize(FETCH);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        visitor.entry(InsightRows.storedEntry(rs, null));
                    }
                }
            }
            return Boolean.TRUE;
        });
    }

    @Override
    public void scanInsights(StateVisitor visitor) {
        database.scan(connection -> {
            try (PreparedStatement p = connection.prepareStatement("SELECT id, status, user_classification, dismissed,"
                    + " classification_expires_ms FROM insights")) {
                p.setFetchSize(FETCH);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long expiresMs = rs.getLong(5);
                        String expiresOn =
                                rs.wasNull() ? null : AuditField.instantValue(Instant.ofEpochMilli(expiresMs));
                        visitor.insight(rs.getBytes(1), rs.getBytes(2), rs.getBytes(3), rs.getInt(4) == 1, expiresOn);
                    }
                }
            }
            return Boolean.TRUE;
        });
    }

    @Override
    public Optional<SealedRange> sealedRange(Scope scope, UUID id) {
        return database.read(connection -> {
            AuditEntry entry;
            long position;
            try (PreparedStatement p = connection.prepareStatement("SELECT " + InsightRows.AUDIT_COLUMNS
                    + ", position FROM audit_log WHERE id = ? AND " + Sql.scopeColumn(scope) + " = ?")) {
                p.setString(1, id.toString());
                p.setString(2, scope.id());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<SealedRange>empty();
                    }
                    entry = InsightRows.auditEntry(rs);
                    position = rs.getLong(InsightRows.AUDIT_COLUMN_COUNT + 1);
                    if (rs.wasNull()) {
                        return Optional.of(new SealedRange(entry, 0, null, null, List.of()));
                    }
                }
            }
            List<Seal> around = new ArrayList<>(); // the seal holding the position, then the one before it
            try (PreparedStatement p = connection.prepareStatement("SELECT " + SEAL_COLUMNS + " FROM audit_seals"
                    + " WHERE seal >= (SELECT seal FROM audit_seals WHERE last_position >= ? ORDER BY last_position"
                    + " LIMIT 1) - 1 ORDER BY seal LIMIT 2")) {
                p.setLong(1, position);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        around.add(seal(rs));
                    }
                }
            }
            if (around.isEmpty()) { // positioned but not sealed yet
                return Optional.of(new SealedRange(entry, 0, null, null, List.of()));
            }
            Seal seal = around.get(around.size() - 1).firstPosition() <= position
                    ? around.get(around.size() - 1)
                    : around.get(0);
            byte[] previousHash =
                    seal.number() == 1 ? Seal.genesis() : around.get(0).hash();
            List<byte[]> leaves = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement(
                    "SELECT leaf_hash FROM audit_log WHERE position BETWEEN ? AND ? ORDER BY position")) {
                p.setLong(1, seal.firstPosition());
                p.setLong(2, seal.lastPosition());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        leaves.add(rs.getBytes(1));
                    }
                }
            }
            return Optional.of(new SealedRange(entry, position, seal, previousHash, leaves));
        });
    }

    @Override
    public String registerKey(VerifyingKey key) {
        database.update(
                "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                KEY_SETTING,
                key.pem());
        return registeredKey().orElseThrow();
    }

    @Override
    public Optional<String> registeredKey() {
        return database.first("SELECT value FROM settings WHERE name = ?", rs -> rs.getString(1), KEY_SETTING);
    }

    @Override
    public List<KeyChange> keyChanges() {
        return database.read(connection -> {
            try (PreparedStatement p = connection.prepareStatement(
                            "SELECT " + KEY_CHANGE_COLUMNS + " FROM audit_key_changes ORDER BY change");
                    ResultSet rs = p.executeQuery()) {
                List<KeyChange> changes = new ArrayList<>();
                while (rs.next()) {
                    changes.add(new KeyChange(
                            rs.getLong(1),
                            rs.getString(2),
                            VerifyingKey.fromPem(rs.getString(3)),
                            rs.getLong(4),
                            HexFormat.of().formatHex(rs.getBytes(5)),
                            Instant.ofEpochMilli(rs.getLong(6)),
                            BASE64.encodeToString(rs.getBytes(7)),
                            BASE64.encodeToString(rs.getBytes(8))));
                }
                return changes;
            }
        });
    }

    @Override
    public boolean appendKeyChange(KeyChange change) {
        return database.transaction(connection -> {
            String lock = database.dialect().sealLock();
            if (lock != null) {
                try (Statement s = connection.createStatement()) {
                    s.execute(lock);
                }
            }
            try (PreparedStatement p = connection.prepareStatement("SELECT MAX(change) FROM audit_key_changes");
                    ResultSet rs = p.executeQuery()) {
                rs.next();
                if (rs.getLong(1) != change.number() - 1) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit_key_changes (" + KEY_CHANGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, change.number());
                insert.setString(2, change.fromKeyId());
                insert.setString(3, change.to().pem());
                insert.setLong(4, change.afterSeal());
                insert.setBytes(5, HexFormat.of().parseHex(change.afterHash()));
                insert.setLong(6, change.time().toEpochMilli());
                insert.setBytes(7, Base64.getDecoder().decode(change.fromSignature()));
                insert.setBytes(8, Base64.getDecoder().decode(change.toSignature()));
                insert.setString(9, change.toKeyId());
                insert.executeUpdate();
            }
            return true;
        });
    }

    private static Seal seal(ResultSet rs) throws SQLException {
        return new Seal(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getBytes(4),
                rs.getBytes(5),
                Instant.ofEpochMilli(rs.getLong(6)),
                rs.getString(7),
                rs.getBytes(8));
    }
}
