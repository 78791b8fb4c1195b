package io.vigil.seal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RFC 9162 (Certificate Transparency 2.0) Merkle tree hashes over the leaf hashes of one seal: the root,
 * the inclusion proof (audit path) of one leaf, and the root that a leaf and its audit path imply.
 */
public final class MerkleTree {
    private MerkleTree() {}

    /** MTH(D[n]) of RFC 9162 section 2.1.1 over already hashed leaves; there must be at least one. */
    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a seal covers at least one entry");
        }
        return root(leaves, 0, leaves.size(), new Hashes(0x01));
    }

    /** One {@link Hashes} serves every node of a root: a seal's tree has as many nodes as leaves. */
    private static byte[] root(List<byte[]> leaves, int from, int to, Hashes hashes) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        byte[] left = root(leaves, from, from + k, hashes);
        byte[] right = root(leaves, from + k, to, hashes);
        return hashes.start(0x01).hash(left).hash(right).sha256();
    }

    /** PATH(m, D[n]) of RFC 9162 section 2.1.3.1: the sibling hashes from the leaf up to the root. */
    public static List<byte[]> path(List<byte[]> leaves, int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + leaves.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(leaves, index, 0, leaves.size(), path);
        return path;
    }

    private static void path(List<byte[]> leaves, int index, int from, int to, List<byte[]> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (index - from < k) {
            path(leaves, index, from, from + k, path);
            path.add(root(leaves, from + k, to, new Hashes(0x01)));
        } else {
            path(leaves, index, from + k, to, path);
            path.add(root(leaves, from, from + k, new Hashes(0x01)));
        }
    }

    /**
     * The root implied by {@code leaf} at {@code index} of a tree of {@code size} leaves and its audit path
     * (RFC 9162 section 2.1.3.2), or {@code null} if the path has the wrong length for that position.
     */
    public static byte @Nullable [] rootFromPath(byte[] leaf, long index, long size, List<byte[]> path) {
        if (index < 0 || index >= size) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leaf;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = node(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    static byte[] node(byte[] left, byte[] right) {
        return new Hashes(0x01).hash(left).hash(right).sha256();
    }

    private static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
