package io.vigil.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The retry rules alone: what the server asked for, and the backoff's bounds. */
class RetriesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static HttpHeaders headers(String... nameValues) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    @Test
    void asked_readsMillisecondsSecondsAndDates() {
        assertThat(Retries.asked(headers("retry-after-ms", "250.5"), NOW)).isEqualTo(Duration.ofNanos(250_500_000));
        assertThat(Retries.asked(headers("retry-after", "2"), NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Retries.asked(headers("retry-after", "Mon, 07 Dec 2026 10:00:05 GMT"), NOW))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(Retries.asked(headers("retry-after", "soon"), NOW)).isNull();
        assertThat(Retries.asked(headers(), NOW)).isNull();
    }

    @Test
    void delay_honoursAWaitUnderAMinute_elseBacksOffUpTo8Seconds() {
        assertThat(Retries.delay(Duration.ofSeconds(59), 0, () -> 0.5)).isEqualTo(Duration.ofSeconds(59));
        assertThat(Retries.delay(Duration.ofSeconds(60), 0, () -> 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(Retries.delay(Duration.ofSeconds(-3), 1, () -> 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Retries.delay(null, 2, () -> 0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Retries.delay(null, 10, () -> 0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Retries.delay(null, 10, () -> 1)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void shouldRetry_followsTheServersAdvice_elseTheStatus() {
        assertThat(Retries.shouldRetry(503, headers("x-should-retry", "false"))).isFalse();
        assertThat(Retries.shouldRetry(400, headers("x-should-retry", "true"))).isTrue();
        assertThat(List.of(408, 409, 429, 500, 502, 503, 504))
                .allMatch(status -> Retries.shouldRetry(status, headers()));
        assertThat(List.of(400, 401, 403, 404, 405, 413, 415, 422))
                .noneMatch(status -> Retries.shouldRetry(status, headers()));
    }
}
