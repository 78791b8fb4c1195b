package io.vigil.seal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The replay's insights: each insight id, as its UTF-8 bytes, with a few int codes. A log holds millions
 * of insights, looked up in no useful order, so the table is made for few memory accesses per lookup and little
 * memory: open addressing with linear probing in one int array, where a slot holds the id's hash, where its bytes
 * lie and its codes; the ids' bytes lie one after another in chunks of a byte arena. A lookup touches the slot,
 * then the arena once, and allocates nothing. Not thread-safe.
 */
final class InsightTable {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;
    /** An address is a chunk's index and a position in it, in an int. */
    private static final int MAX_CHUNKS = 1 << (Integer.SIZE - 1 - CHUNK_BITS);

    /** Ints per slot: the hash, 1 + the address of the id in the arena (0: an empty slot), then the codes. */
    private final int stride;

    private int capacity = 1 << 10;
    private int[] slots;
    private int size;

    /** Each id as its length (4 bytes, big-endian) and its bytes; an id longer than a chunk has one of its own. */
    private final List<byte[]> chunks = new ArrayList<>();

    private int used = CHUNK; // of the last chunk: none yet, so the first id opens one

    /** A table whose ids have {@code codes} codes each. */
    InsightTable(int codes) {
        stride = 2 + codes;
        slots = new int[capacity * stride];
    }

    /** The slot of {@code id}; if it has none, a new one with all codes 0 when {@code add}, else -1. */
    int slot(byte[] id, boolean add) {
        int hash = Arrays.hashCode(id);
        int mask = capacity - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            int at = i * stride;
            int address = slots[at + 1];
            if (address == 0) {
                if (!add) {
                    return -1;
                }
                if (2 * (size + 1) > capacity) { // at most half full: probes stay short
                    grow();
                    return slot(id, true);
                }
                slots[at] = hash;
                slots[at + 1] = 1 + store(id);
                size++;
                return i;
            }
            if (slots[at] == hash && holds(address - 1, id)) {
                return i;
            }
        }
    }

    int code(int slot, int index) {
        return slots[slot * stride + 2 + index];
    }

    void setCode(int slot, int index, int code) {
        slots[slot * stride + 2 + index] = code;
    }

    private boolean holds(int address, byte[] id) {
        byte[] chunk = chunks.get(address >>> CHUNK_BITS);
        int at = address & (CHUNK - 1);
        int length = ((chunk[at] & 0xFF) << 24)
                | ((chunk[at + 1] & 0xFF) << 16)
                | ((chunk[at + 2] & 0xFF) << 8)
                | (chunk[at + 3] & 0xFF);
        return length == id.length && Arrays.equals(chunk, at + 4, at + 4 + length, id, 0, length);
    }

    /** Copies {@code id} into the arena; returns its address. */
    private int store(byte[] id) {
        int needed = 4 + id.length;
        if (CHUNK - used < needed) {
            if (chunks.size() == MAX_CHUNKS) {
                throw new IllegalStateException("the insight ids exceed what the replay can hold");
            }
            chunks.add(new byte[Math.max(CHUNK, needed)]);
            used = 0;
        }
        byte[] chunk = chunks.get(chunks.size() - 1);
        int at = used;
        chunk[at] = (byte) (id.length >>> 24);
        chunk[at + 1] = (byte) (id.length >>> 16);
        chunk[at + 2] = (byte) (id.length >>> 8);
        chunk[at + 3] = (byte) id.length;
        System.arraycopy(id, 0, chunk, at + 4, id.length);
        used = needed > CHUNK ? CHUNK : at + needed; // a chunk of its own is full
        return (chunks.size() - 1) << CHUNK_BITS | at;
    }

    /** Doubles the table; the hashes are kept, so the ids are not read again. */
    private void grow() {
        int[] old = slots;
        capacity *= 2;
        slots = new int[capacity * stride];
        int mask = capacity - 1;
        for (int from = 0; from < old.length; from += stride) {
            if (old[from + 1] != 0) {
                int i = spread(old[from]) & mask;
                while (slots[i * stride + 1] != 0) {
                    i = (i + 1) & mask;
                }
                System.arraycopy(old, from, slots, i * stride, stride);
            }
        }
    }

    /** Fibonacci hashing: the low bits of the result depend on every bit of the hash. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
