package io.vigil.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import io.vigil.audit.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link Batch}: each insight's changes in order, nothing sent after an insight's failure, the acknowledged prefix. */
class BatchTest {
    @Property(tries = 300)
    void eachInsightInOrder_andTheCursorStopsAtTheFirstChangeNotAcknowledged(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 5) Integer> insights,
            @ForAll @Size(max = 60) Set<@IntRange(min = 0, max = 59) Integer> failing,
            @ForAll @IntRange(min = 1, max = 8) int lanes) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < insights.size(); i++) {
            changes.add(change(100 + i, "i" + insights.get(i)));
        }
        Map<String, List<Long>> sent = new ConcurrentHashMap<>();
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> failedInsights = ConcurrentHashMap.newKeySet();
        Batch.Outcome outcome = Batch.send(changes, 99, lanes, System.nanoTime() + 60_000_000_000L, change -> {
            String insight = change.entry().issueId();
            assertThat(failedInsights).as("nothing after an insight's failure").doesNotContain(insight);
            List<Long> mine =
                    sent.computeIfAbsent(insight, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
            mine.add(change.position());
            if (failing.contains((int) (change.position() - 100))) {
                failedInsights.add(insight);
                return Batch.Attempt.failed("no");
            }
            acknowledged.add(change.position());
            return Batch.Attempt.DELIVERED;
        });
        for (List<Long> positions : sent.values()) {
            assertThat(positions).isSorted();
        }
        long expected = 99;
        int delivered = 0;
        for (Change change : changes) {
            if (!acknowledged.contains(change.position())) {
                break;
            }
            expected = change.position();
            delivered++;
        }
        assertThat(outcome.cursor()).isEqualTo(expected);
        assertThat(outcome.delivered()).isEqualTo(delivered);
        assertThat(outcome.failure() != null).isEqualTo(!failedInsights.isEmpty());
        if (failing.stream().noneMatch(i -> i < insights.size())) {
            assertThat(outcome.cursor()).as("no failure: all of it").isEqualTo(99 + insights.size());
        }
    }

    @Example
    void aBatchPastItsTime_startsNoSendButEachLanesFirst_andTheCursorStopsAtThePrefix() {
        List<Change> changes = changes(40);
        List<Long> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        Batch.Outcome outcome = Batch.send(changes, 99, 1, System.nanoTime() - 1, change -> {
            sent.add(change.position());
            return Batch.Attempt.DELIVERED;
        });
        assertThat(sent).containsExactly(100L);
        assertThat(outcome.cursor()).isEqualTo(100);
        assertThat(outcome.failure()).isNull();
    }

    @Example
    void aSendThatThrows_failsTheBatchThere_likeAReceiversFailure() {
        List<Change> changes = changes(3);
        Batch.Outcome outcome = Batch.send(changes, 99, 1, System.nanoTime() + 60_000_000_000L, change -> {
            if (change.position() == 101) {
                throw new IllegalStateException("a bug in writing the payload");
            }
            return Batch.Attempt.DELIVERED;
        });
        assertThat(outcome.cursor()).isEqualTo(100);
        assertThat(outcome.failure())
                .isEqualTo(
                        "sending failed in Vigil: java.lang.IllegalStateException: a bug in" + " writing the payload");
    }

    @Example
    void aSendThatDiesOfAnError_isThrownOnceEveryLaneHasStopped() {
        List<Change> changes = changes(20);
        Set<Long> sent = ConcurrentHashMap.newKeySet();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Batch.send(changes, 99, 4, System.nanoTime() + 60_000_000_000L, change -> {
                            sent.add(change.position());
                            if (change.position() == 102) {
                                throw new NoClassDefFoundError("simulated");
                            }
                            return Batch.Attempt.DELIVERED;
                        }))
                .isInstanceOf(NoClassDefFoundError.class);
        assertThat(sent).contains(102L);
    }

    /** {@code n} changes of {@code n} insights, at positions 100 on. */
    private static List<Change> changes(int n) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            changes.add(change(100 + i, "i" + i));
        }
        return changes;
    }

    /** A dismissal of {@code insight} at {@code position}. */
    private static Change change(long position, String insight) {
        return new Change(
                position,
                new AuditEntry(
                        UUID.randomUUID(),
                        insight,
                        "a",
                        null,
                        AuditField.DISMISSED,
                        "false",
                        "true",
                        null,
                        "t",
                        Instant.EPOCH));
    }
}
