package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {

    @Test
    void get_carriesVersion7TheVariantAndTheMillisecond() {
        Instant now = Instant.parse("2026-11-25T08:00:00.123Z");
        UUID id = new UuidV7(InstantSource.fixed(now), new SplittableRandom(1)).get();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void get_manyInOneMillisecondOrWithAClockStepBack_strictlyIncreasesAsText() {
        long[] millis = {1_000_000, 1_000_000, 999_000};
        int[] call = {0};
        InstantSource clock = () -> Instant.ofEpochMilli(millis[Math.min(call[0]++ / 5000, 2)]);
        UuidV7 ids = new UuidV7(clock, new SplittableRandom(7));
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 15_000; i++) {
            generated.add(ids.get().toString());
        }
        assertThat(generated).isSorted().doesNotHaveDuplicates();
    }
}
