package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The replay's table keeps each id's codes apart, whatever the ids: as a map from their bytes would. */
class InsightTableTest {

    @Property(tries = 200)
    void behavesAsAMapOfIdsToCodes(@ForAll("operations") List<Operation> operations) {
        InsightTable table = new InsightTable(4);
        Map<String, int[]> model = new HashMap<>();
        for (Operation op : operations) {
            byte[] id = op.id().getBytes(StandardCharsets.UTF_8);
            int slot = table.slot(id, op.add());
            int[] codes = model.get(op.id());
            if (codes == null && !op.add()) {
                assertThat(slot).as("absent %s", op.id()).isEqualTo(-1);
                continue;
            }
            if (codes == null) {
                codes = new int[4];
                model.put(op.id(), codes);
            }
            for (int i = 0; i < 4; i++) {
                assertThat(table.code(slot, i)).as("code %d of %s", i, op.id()).isEqualTo(codes[i]);
            }
            table.setCode(slot, op.field(), op.code());
            codes[op.field()] = op.code();
        }
        for (Map.Entry<String, int[]> e : model.entrySet()) { // after every growth
            int slot = table.slot(e.getKey().getBytes(StandardCharsets.UTF_8), false);
            assertThat(slot).isNotNegative();
            for (int i = 0; i < 4; i++) {
                assertThat(table.code(slot, i)).isEqualTo(e.getValue()[i]);
            }
        }
    }

    record Operation(String id, boolean add, int field, int code) {}

    @Provide
    Arbitrary<List<Operation>> operations() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3_000).map(i -> "insight-" + i),
                Arbitraries.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "", "é", "\uD83D\uDE00"), // equal hashes
                Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(40));
        Arbitrary<Operation> op = Combinators.combine(
                        ids,
                        Arbitraries.of(true, true, true, false),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(1, 50))
                .as(Operation::new);
        return op.list().ofMinSize(1).ofMaxSize(4_000);
    }

    @Example
    void idsLongerThanAChunk_andManyChunks_areKept() {
        InsightTable table = new InsightTable(1);
        byte[] huge = new byte[3 << 20];
        Arrays.fill(huge, (byte) 'x');
        byte[] almostHuge = Arrays.copyOf(huge, huge.length - 1);
        table.setCode(table.slot(huge, true), 0, 7);
        table.setCode(table.slot(almostHuge, true), 0, 8);
        byte[] id = new byte[1_000];
        for (int i = 0; i < 5_000; i++) { // five million bytes of ids: several chunks
            Arrays.fill(id, (byte) ('a' + i % 26));
            id[0] = (byte) i;
            id[1] = (byte) (i >>> 8);
            table.setCode(table.slot(id, true), 0, i + 10);
        }
        assertThat(table.code(table.slot(huge, false), 0)).isEqualTo(7);
        assertThat(table.code(table.slot(almostHuge, false), 0)).isEqualTo(8);
        for (int i = 0; i < 5_000; i++) {
            Arrays.fill(id, (byte) ('a' + i % 26));
            id[0] = (byte) i;
            id[1] = (byte) (i >>> 8);
            assertThat(table.code(table.slot(id, false), 0)).isEqualTo(i + 10);
        }
        assertThat(table.slot(Arrays.copyOf(huge, 10), false)).isEqualTo(-1);
    }
}
