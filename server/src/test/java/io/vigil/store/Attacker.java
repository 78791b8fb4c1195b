package io.vigil.store;

import io.vigil.audit.AuditEntry;
import io.vigil.seal.Leaf;
import io.vigil.seal.MerkleTree;
import io.vigil.seal.Seal;
import io.vigil.seal.SealStore;
import io.vigil.seal.SigningKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What someone with write access to a store's database can do to its change log, with nothing of Vigil's but the
 * published encodings: run SQL, recompute leaf hashes, and (with a key of their own, or the stolen one) seal.
 */
final class Attacker {
    private Attacker() {}

    /** Runs {@code sql} with {@code params} in a transaction of its own. */
    static void tamper(Database database, String sql, @Nullable Object... params) {
        database.inTransaction(connection -> {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    p.setObject(i + 1, params[i]);
                }
                p.executeUpdate();
            }
        });
    }

    /** Every leaf hash from position {@code from} on, computed anew from the entries as they now are. */
    static void recomputeLeafHashes(Database database, long from) {
        database.inTransaction(connection -> {
            List<AuditEntry> entries = new ArrayList<>();
            List<Long> positions = new ArrayList<>();
            try (PreparedStatement p = connection.prepareStatement("SELECT " + InsightRows.AUDIT_COLUMNS
                    + ", position FROM audit_log WHERE position >= ? ORDER BY position")) {
                p.setLong(1, from);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        entries.add(InsightRows.auditEntry(rs));
                        positions.add(rs.getLong(InsightRows.AUDIT_COLUMN_COUNT + 1));
                    }
                }
            }
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE audit_log SET leaf_hash = ? WHERE position = ?")) {
                for (int i = 0; i < entries.size(); i++) {
                    update.setBytes(1, Leaf.hash(positions.get(i), entries.get(i)));
                    update.setLong(2, positions.get(i));
                    update.executeUpdate();
                }
            }
        });
    }

    /** Seals the stored leaf hashes as they are, {@code size} at a time, with {@code with}, checking nothing. */
    static void forgeSeals(SealStore seals, SigningKey with, int size) {
        while (true) {
            SealStore.Tail tail = seals.tail(size);
            if (tail.entries().isEmpty()) {
                return;
            }
            Seal previous = tail.previous();
            List<byte[]> leaves = new ArrayList<>();
            tail.entries().forEach(entry -> leaves.add(entry.leafHash()));
            long first = previous == null ? 1 : previous.lastPosition() + 1;
            Instant at = previous == null ? Instant.now() : previous.sealedAt().plusMillis(1);
            seals.append(
                    previous,
                    Seal.create(previous, first, first + leaves.size() - 1, MerkleTree.root(leaves), at, with));
        }
    }
}
