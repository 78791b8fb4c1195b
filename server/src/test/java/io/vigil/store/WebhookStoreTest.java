package io.vigil.store;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.Postgres;
import io.vigil.webhook.Subscription;
import io.vigil.webhook.WebhookStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules a subscription's row keeps, on both databases: one holder of a lease at a time, a cursor moved only by
 * its holder from where it read it, and 24 hours of failures before {@code failing}, undone by a delivery.
 */
class WebhookStoreTest {
    private static final long DAY = Duration.ofHours(24).toMillis();

    @TempDir
    Path dataDir;

    private Database open(String kind) {
        return kind.equals("postgres") ? Database.open(Postgres.freshDatabaseUrl()) : Database.open(dataDir);
    }

    private static Subscription subscription(String id) {
        return new Subscription(
                id,
                ACCOUNT,
                "https://192.0.2.10/hook",
                Set.of(),
                Set.of(),
                Set.of(),
                Subscription.State.ACTIVE,
                5,
                Instant.ofEpochMilli(0),
                "test",
                0,
                null,
                0,
                null,
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void oneLeaseHolderAtATime_andTheCursorMovesOnlyFromWhereItsHolderReadIt(String kind) {
        try (Database database = open(kind)) {
            JdbcWebhookStore store = new JdbcWebhookStore(database);
            String id = "0".repeat(31) + "1";
            store.create(new WebhookStore.NewSubscription(subscription(id), "sealed", "key"));
            assertThat(store.lease(id, "a", 1_000, 61_000)).isTrue();
            assertThat(store.lease(id, "b", 2_000, 62_000)).as("held by a").isFalse();
            assertThat(store.lease(id, "a", 3_000, 63_000))
                    .as("renewed by its holder")
                    .isTrue();
            assertThat(store.delivered(id, "b", 5, 9, 4, true, 3_000))
                    .as("not b's to move")
                    .isFalse();
            assertThat(store.delivered(id, "a", 5, 9, 4, true, 3_000)).isTrue();
            assertThat(store.delivered(id, "a", 5, 12, 3, true, 3_000))
                    .as("moved since a read it")
                    .isFalse();
            assertThat(store.rewind(ACCOUNT, id, 2)).isTrue();
            assertThat(store.delivered(id, "a", 9, 12, 3, true, 3_000))
                    .as("replayed meanwhile")
                    .isFalse();
            assertThat(store.find(ACCOUNT, id).orElseThrow().position()).isEqualTo(2);
            assertThat(store.lease(id, "b", 63_001, 123_001))
                    .as("a's lease ended")
                    .isTrue();
            assertThat(store.setState(ACCOUNT, id, Subscription.State.PAUSED)).isTrue();
            assertThat(store.lease(id, "b", 63_002, 123_002)).as("paused").isFalse();
            assertThat(store.due(63_002)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void failing_afterADayOfFailures_andActiveAgainAfterADelivery(String kind) {
        try (Database database = open(kind)) {
            JdbcWebhookStore store = new JdbcWebhookStore(database);
            String id = "0".repeat(31) + "2";
            store.create(new WebhookStore.NewSubscription(subscription(id), "sealed", "key"));
            assertThat(store.lease(id, "a", 1, Long.MAX_VALUE)).isTrue();
            store.failed(id, "a", 1_000, 2_000, "HTTP 500", DAY);
            Subscription s = store.find(ACCOUNT, id).orElseThrow();
            assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
            assertThat(s.failures()).isEqualTo(1);
            assertThat(s.failingSince()).isEqualTo(Instant.ofEpochMilli(1_000));
            assertThat(store.due(1_999)).as("not before its next attempt").isEmpty();
            assertThat(store.due(2_000)).hasSize(1);
            store.failed(id, "a", 1_000 + DAY - 1, 1_000 + DAY + 3_600_000, "HTTP 503", DAY);
            assertThat(store.find(ACCOUNT, id).orElseThrow().state()).isEqualTo(Subscription.State.ACTIVE);
            store.failed(id, "a", 1_000 + DAY, 1_000 + DAY + 3_600_000, "timeout", DAY);
            s = store.find(ACCOUNT, id).orElseThrow();
            assertThat(s.state()).isEqualTo(Subscription.State.FAILING);
            assertThat(s.failures()).isEqualTo(3);
            assertThat(s.lastError()).isEqualTo("timeout");
            assertThat(store.due(1_000 + DAY + 3_600_000))
                    .as("failing: still retried")
                    .hasSize(1);
            assertThat(store.delivered(id, "a", 5, 6, 1, true, 2 * DAY)).isTrue();
            s = store.find(ACCOUNT, id).orElseThrow();
            assertThat(s.state()).isEqualTo(Subscription.State.ACTIVE);
            assertThat(s.failures()).isZero();
            assertThat(s.failingSince()).isNull();
            assertThat(s.delivered()).isEqualTo(1);
            assertThat(s.lastDelivery()).isEqualTo(Instant.ofEpochMilli(2 * DAY));
        }
    }
}
