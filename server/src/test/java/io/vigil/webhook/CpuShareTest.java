package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link CpuShare}: a worker waits between batches only while the host's CPUs are saturated and changes are still
 * being made.
 */
class CpuShareTest {
    private static final Duration BATCH = Duration.ofMillis(40);
    private static final Duration WAIT = BATCH.multipliedBy(CpuShare.RATIO);

    private final AtomicReference<Double> load = new AtomicReference<>(-1.0);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicLong sealed = new AtomicLong(100);
    private final CpuShare share = new CpuShare(load::get, clock::get);

    private void poll(double hostLoad) {
        load.set(hostLoad);
        share.sample(sealed::get);
        clock.addAndGet(Deliverer.POLL.toNanos());
    }

    @Test
    void waitsThreeTimesTheBatch_whileTheHostIsSaturated_andChangesAreMade() {
        assertThat(share.waitAfter(BATCH)).as("before any sample").isZero();
        poll(-1);
        assertThat(share.waitAfter(BATCH)).as("load not known").isZero();
        poll(0.6);
        assertThat(share.waitAfter(BATCH)).as("below saturation").isZero();
        for (int i = 1; i < CpuShare.SUSTAINED; i++) {
            poll(0.95);
            assertThat(share.waitAfter(BATCH)).as("a burst").isZero();
        }
        poll(0.6);
        poll(0.95);
        assertThat(share.waitAfter(BATCH)).as("a burst again").isZero();
        sealed.addAndGet(50);
        saturate();
        assertThat(share.waitAfter(BATCH)).isEqualTo(WAIT);
        for (int i = 0; i < 20; i++) { // the log grows every second
            sealed.addAndGet(i % 4 == 0 ? 50 : 0);
            poll(0.95);
            assertThat(share.waitAfter(BATCH)).isEqualTo(WAIT);
        }
        poll(0.3);
        assertThat(share.waitAfter(BATCH)).as("the load dropped").isZero();
        poll(0.95);
        assertThat(share.waitAfter(BATCH))
                .as("saturated again, not yet for long")
                .isZero();
    }

    /** Polls as a host saturated for long enough. */
    private void saturate() {
        for (int i = 0; i < CpuShare.SUSTAINED; i++) {
            poll(0.95);
        }
    }

    @Test
    void aSaturatedHost_makingNoChanges_doesNotHoldDeliveriesBack() {
        saturate();
        assertThat(share.waitAfter(BATCH)).isEqualTo(WAIT);
        for (long waited = 0; waited <= CpuShare.CHANGING.toNanos(); waited += Deliverer.POLL.toNanos()) {
            poll(0.95); // other work, or the backlog's own drain: the sealed log does not grow
        }
        assertThat(share.waitAfter(BATCH)).isZero();
        sealed.addAndGet(10);
        poll(0.95);
        assertThat(share.waitAfter(BATCH)).as("changes again").isEqualTo(WAIT);
    }

    @Test
    void theHostsLoad_isReadWhereTheJvmCanReadIt() {
        CpuShare host = CpuShare.ofHost();
        host.sample(() -> 0);
        assertThat(host.waitAfter(Duration.ZERO)).isZero();
    }
}
