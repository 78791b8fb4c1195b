package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Merkle tree hashes agree with RFC 6962's reference test vectors, and every inclusion proof verifies. */
class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The leaf inputs of Certificate Transparency's reference tests (merkle_tree_test.cc). */
    private static final List<String> INPUTS =
            List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    /** The roots of the first 1..8 of them. */
    private static final List<String> ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static byte[] leaf(byte[] data) {
        byte[] prefixed = new byte[data.length + 1];
        System.arraycopy(data, 0, prefixed, 1, data.length);
        return Hashes.sha256(prefixed);
    }

    @Test
    void root_matchesTheReferenceVectors() {
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 1; n <= INPUTS.size(); n++) {
            leaves.add(leaf(HEX.parseHex(INPUTS.get(n - 1))));
            assertThat(HEX.formatHex(MerkleTree.root(leaves)))
                    .as("root of %d leaves", n)
                    .isEqualTo(ROOTS.get(n - 1));
        }
    }

    @Test
    void everyInclusionProof_givesTheRoot_andNoOtherLeafDoes() {
        SplittableRandom random = new SplittableRandom(16);
        for (int size = 1; size <= 70; size++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                byte[] data = new byte[8];
                random.nextBytes(data);
                leaves.add(leaf(data));
            }
            byte[] root = MerkleTree.root(leaves);
            for (int index = 0; index < size; index++) {
                List<byte[]> path = MerkleTree.path(leaves, index);
                assertThat(MerkleTree.rootFromPath(leaves.get(index), index, size, path))
                        .as("leaf %d of %d", index, size)
                        .isEqualTo(root);
                byte[] other = leaves.get((index + 1) % size);
                if (size > 1) {
                    assertThat(MerkleTree.rootFromPath(other, index, size, path))
                            .isNotEqualTo(root);
                }
                assertThat(MerkleTree.rootFromPath(leaves.get(index), size, size, path))
                        .as("an index past the tree")
                        .isNull();
            }
        }
    }
}
