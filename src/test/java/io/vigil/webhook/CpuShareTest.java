package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link CpuShare}: a worker waits between batches only while the host's CPUs are saturated. */
class CpuShareTest {
    private static final Duration BATCH = Duration.ofMillis(40);

    @Test
    void waitsThreeTimesTheBatch_onlyWhileTheHostIsSaturated() {
        AtomicReference<Double> load = new AtomicReference<>(-1.0);
        CpuShare share = new CpuShare(load::get);
        assertThat(share.waitAfter(BATCH)).as("before any sample").isZero();
        share.sample();
        assertThat(share.waitAfter(BATCH)).as("load not known").isZero();
        load.set(0.6);
        share.sample();
        assertThat(share.waitAfter(BATCH)).as("below saturation").isZero();
        load.set(0.95);
        share.sample();
        assertThat(share.waitAfter(BATCH)).isEqualTo(Duration.ofMillis(120));
        load.set(0.3);
        share.sample();
        assertThat(share.waitAfter(BATCH)).as("the load dropped").isZero();
    }

    @Test
    void theHostsLoad_isReadWhereTheJvmCanReadIt() {
        CpuShare share = CpuShare.ofHost();
        share.sample();
        assertThat(share.waitAfter(Duration.ZERO)).isZero();
    }
}
