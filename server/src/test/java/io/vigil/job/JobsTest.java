package io.vigil.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every background job runs the same way: in rounds that never overlap, measured, reported, stopped in order. */
class JobsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void roundsRepeat_aFailingOneIsCountedAndNamed_untilItSucceedsAgain() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch recovered = new CountDownLatch(1);
        try (Jobs jobs = new Jobs(meters, Clock.systemUTC())) {
            jobs.every("flaky", Duration.ofMillis(10), () -> {
                int n = rounds.incrementAndGet();
                if (n <= 3) {
                    throw new IllegalStateException("round " + n + " failed");
                }
                if (n == 4) {
                    assertThat(jobs.failing()).containsEntry("flaky", "3 round(s) in a row failed: round 3 failed");
                    recovered.countDown();
                }
            });
            assertThat(recovered.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!jobs.failing().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(jobs.failing()).isEmpty();
        }
        assertThat(meters.get("vigil.job.failures")
                        .tag("job", "flaky")
                        .counter()
                        .count())
                .isEqualTo(3);
        assertThat(meters.get("vigil.job.rounds").tag("job", "flaky").timer().count())
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void closing_letsTheRoundInProgressEnd_stopsTheWorkers_thenStopsEachJobInReverseOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch inRound = new CountDownLatch(1);
        Jobs jobs = new Jobs(meters, Clock.systemUTC());
        ExecutorService workers = jobs.workers("test-worker-");
        jobs.every("first", Duration.ofHours(1), new Job() {
            @Override
            public void round() throws Exception {
                inRound.countDown();
                Thread.sleep(200);
                events.add("first round ended");
            }

            @Override
            public void stop() {
                events.add("first stopped");
            }
        });
        jobs.every("second", Duration.ofHours(1), new Job() {
            @Override
            public void round() {}

            @Override
            public void stop() {
                events.add("second stopped, workers " + (workers.isTerminated() ? "stopped" : "running"));
            }
        });
        assertThat(inRound.await(5, TimeUnit.SECONDS)).isTrue();
        jobs.close();
        assertThat(events).containsExactly("first round ended", "second stopped, workers stopped", "first stopped");
        jobs.close(); // once is enough: nothing runs twice
        assertThat(events).hasSize(3);
    }
}
