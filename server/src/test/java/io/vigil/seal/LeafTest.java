package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import org.jspecify.annotations.Nullable;

/**
 * The leaf hash that verify computes from an entry's stored UTF-8 bytes is the one written with the entry
 * ({@link Leaf#hash(long, AuditEntry)}), and both are the encoding docs/decisions.md publishes.
 */
class LeafTest {

    @Property
    void fromStoredBytes_isTheHashOfTheEntryTheySpell(
            @ForAll("entries") AuditEntry entry, @ForAll @LongRange(min = 1) long position) {
        StoredEntry stored = StoredEntry.of(position, null, entry);

        assertThat(Leaf.hash(position, stored, new Hashes(0x00))).isEqualTo(Leaf.hash(position, entry));
    }

    @Property(tries = 50)
    void oneHashesForManyLeaves_givesEachItsOwnHash(@ForAll("runs") List<AuditEntry> entries) {
        Hashes reused = new Hashes(0x00);
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            hashes.add(Leaf.hash(i + 1, StoredEntry.of((long) i + 1, null, entries.get(i)), reused));
        }
        for (int i = 0; i < entries.size(); i++) {
            assertThat(hashes.get(i)).isEqualTo(Leaf.hash(i + 1, entries.get(i)));
        }
    }

    @Example
    void theEncoding_isThePublishedOne() throws NoSuchAlgorithmException {
        AuditEntry entry = new AuditEntry(
                UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057"),
                "insight-é",
                "account-1",
                null,
                AuditField.USER_CLASSIFICATION,
                null,
                "accept_risk",
                "vérifié \uD83D\uDE00",
                "token:t1",
                Instant.ofEpochMilli(1_700_000_000_123L));
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        encoded.write(0x00);
        encoded.writeBytes(ByteBuffer.allocate(8).putLong(42).array());
        for (@Nullable
        String text : new @Nullable String[] {
            "01890a5d-ac96-774b-bcce-b302099a8057",
            "insight-é",
            "account-1",
            null,
            "user_classification",
            null,
            "accept_risk",
            "vérifié \uD83D\uDE00",
            "token:t1"
        }) {
            byte[] utf8 = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
            encoded.writeBytes(ByteBuffer.allocate(4)
                    .putInt(text == null ? 0xFFFFFFFF : utf8.length)
                    .array());
            encoded.writeBytes(utf8);
        }
        encoded.writeBytes(ByteBuffer.allocate(8).putLong(1_700_000_000_123L).array());
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(encoded.toByteArray());

        assertThat(Leaf.hash(42, entry)).isEqualTo(expected);
        assertThat(Leaf.hash(42, StoredEntry.of(42L, null, entry), new Hashes(0x00)))
                .isEqualTo(expected);
    }

    @Provide
    Arbitrary<List<AuditEntry>> runs() {
        return entries().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<AuditEntry> entries() {
        Arbitrary<UUID> ids =
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
        Arbitrary<List<@Nullable String>> texts = text().injectNull(0.25).list().ofSize(7);
        Arbitrary<Instant> times =
                Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        return Combinators.combine(ids, Arbitraries.of(AuditField.class), texts, times)
                .as((id, field, t, at) -> new AuditEntry(
                        id,
                        Objects.requireNonNullElse(t.get(0), ""),
                        Objects.requireNonNullElse(t.get(1), ""),
                        t.get(2),
                        field,
                        t.get(3),
                        Objects.equals(t.get(3), t.get(4)) ? t.get(4) + "'" : t.get(4),
                        t.get(5),
                        Objects.requireNonNullElse(t.get(6), ""),
                        at));
    }

    /** Any well-formed text, from ASCII to four-byte characters, now and then longer than a leaf's buffer. */
    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoints
                .list()
                .ofMaxSize(300)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }
}
