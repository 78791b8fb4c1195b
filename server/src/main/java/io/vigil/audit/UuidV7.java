package io.vigil.audit;

import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Generates RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then random bits. Within one
 * millisecond the 12-bit {@code rand_a} field counts up, so ids from one generator are strictly
 * increasing even when the clock stands still or steps back. Thread-safe.
 */
public final class UuidV7 implements Supplier<UUID> {
    private final InstantSource clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private int sequence;

    public UuidV7(InstantSource clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** The millisecond a version 7 UUID was made in, as an instant. */
    public static Instant instant(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("not a UUIDv7: " + id);
        }
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    @Override
    public synchronized UUID get() {
        long millis = Math.max(clock.millis(), lastMillis);
        if (millis == lastMillis) {
            sequence++;
            if (sequence > 0xFFF) { // 4096 ids in one millisecond: borrow the next one
                millis++;
                sequence = random.nextInt(0x800);
            }
        } else {
            sequence = random.nextInt(0x800); // leave headroom to count up
        }
        lastMillis = millis;
        long high = (millis << 16) | 0x7000L | sequence;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
