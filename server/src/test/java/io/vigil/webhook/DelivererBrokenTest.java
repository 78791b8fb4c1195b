package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.Main;
import io.vigil.cli.Backend;
import io.vigil.http.WebhookPayloads;
import io.vigil.insight.Insight;
import io.vigil.insight.InsightStatus;
import io.vigil.testing.Insights;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery worker that dies of an {@link Error} (as when the jar is replaced under a running node and a class no
 * longer loads) leaves its node unable to deliver: the node gives its leases to the other nodes at once, takes no
 * more, and its job fails every round (so {@code /readyz} shows it) instead of renewing leases it cannot use.
 */
class DelivererBrokenTest {
    private static final String ACCOUNT = Insights.ACCOUNT;

    @Test
    void aWorkerDyingOfAnError_givesTheLeasesUp_andTheNodeTakesNoMore(@TempDir Path dataDir) throws Exception {
        try (Backend backend = Main.ASSEMBLY.open(null, dataDir);
                ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            Insight insight = Insights.inAccount("broken-1", ACCOUNT);
            backend.insights().importInsights(List.of(insight));
            Targets targets = new Targets(true, Targets.systemResolver());
            String id = backend.webhooks(targets)
                    .add(ACCOUNT, new SubscriptionRequest("http://127.0.0.1:9/hook", Set.of(), Set.of(), Set.of()), "t")
                    .subscription()
                    .id();
            backend.insights().importInsights(List.of(Insights.withStatus(insight, InsightStatus.RESOLVED)));
            AtomicInteger sends = new AtomicInteger();
            Transport broken = (target, headers, body) -> {
                sends.incrementAndGet();
                throw new NoClassDefFoundError("io/vigil/webhook/Gone (simulated: the jar was replaced)");
            };
            Deliverer deliverer = new Deliverer(
                    backend.webhookStore(),
                    backend.webhookSecrets(),
                    targets,
                    new WebhookPayloads(),
                    backend.insights()::findAll,
                    broken,
                    Clock.systemUTC(),
                    "node-a",
                    new SplittableRandom(1),
                    workers);

            deliverer.round(); // leases the subscription and hands it to a worker, which dies
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!backend.webhookStore().lease(id, "node-b", now(), now() + 60_000)) {
                assertThat(System.nanoTime() - until).as("the lease given up").isNegative();
                Thread.sleep(20);
            }
            assertThat(sends.get()).isEqualTo(1);

            assertThatThrownBy(deliverer::round)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("died of java.lang.NoClassDefFoundError")
                    .hasMessageContaining("delivers no webhooks until it is restarted");
            assertThat(backend.webhookStore().lease(id, "node-a", now(), now() + 60_000))
                    .as("still node-b's: node-a took nothing back")
                    .isFalse();
            assertThat(sends.get()).as("no send after the worker died").isEqualTo(1);
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
