package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Repeated values of an import are held once; the table of them stays bounded. */
class SharedStringsTest {
    @Test
    void equalValues_areTheFirstInstanceSeen() {
        SharedStrings shared = new SharedStrings();
        String first = new String("example.com");
        String second = new String("example.com");
        assertThat(shared.of(first)).isSameAs(first);
        assertThat(shared.of(second)).isSameAs(first).isEqualTo(second);
        assertThat(shared.ofNullable(null)).isNull();
    }

    @Test
    void pastTheBound_everythingIsForgotten_andValuesStayEqual() {
        SharedStrings shared = new SharedStrings();
        String first = new String("zone-0");
        shared.of(first);
        for (int i = 1; i <= SharedStrings.MAX; i++) {
            shared.of("zone-" + i);
        }
        String again = new String("zone-0");
        assertThat(shared.of(again)).isSameAs(again).isEqualTo(first);
    }
}
