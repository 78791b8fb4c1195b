package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The checks run on their own thread in the order submitted; a failing check stops the reader; so does giving up. */
class PipelineTest {

    @Test
    void checks_runInTheOrderSubmitted_onAnotherThread() {
        List<Integer> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try (Pipeline checks = new Pipeline("test-checks")) {
            for (int i = 0; i < 10_000; i++) { // many batches
                int n = i;
                checks.submit(() -> {
                    seen.add(n);
                    if (n == 0) {
                        threads.add(Thread.currentThread());
                    }
                });
            }
            checks.finish();
        }
        assertThat(seen).hasSize(10_000).isSorted();
        assertThat(threads.get(0)).isNotSameAs(Thread.currentThread());
    }

    @Test
    void aCheckThatThrows_stopsTheReader_withWhatItThrew() {
        try (Pipeline checks = new Pipeline("test-checks")) {
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 1_000_000; i++) { // more than the queue holds: the reader must stop
                            int n = i;
                            checks.submit(() -> {
                                if (n == 3) {
                                    throw new IllegalArgumentException("unknown audit field: x");
                                }
                            });
                        }
                        checks.finish();
                    })
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown audit field: x");
        }
    }

    @Test
    void readerGivingUp_stopsTheChecks() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        List<Thread> checker = new ArrayList<>();
        try (Pipeline checks = new Pipeline("test-checks")) {
            for (int i = 0; i < 600; i++) { // more than a batch, so the first one is handed over
                checks.submit(() -> {
                    if (checker.isEmpty()) {
                        checker.add(Thread.currentThread());
                        running.countDown();
                    }
                });
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        } // closed without finish: as when reading fails
        checker.get(0).join(TimeUnit.SECONDS.toMillis(10));
        assertThat(checker.get(0).isAlive()).isFalse();
    }
}
