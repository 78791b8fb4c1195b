package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.audit.AuditEntry;
import io.vigil.audit.AuditField;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The replay keeps each insight's last values apart, across the growth of its table, and names each break. */
class StateReplayTest {
    private static final int INSIGHTS = 5_000; // the table starts with 1,024 slots: it grows several times

    private final List<String> breaks = new ArrayList<>();
    private final StateReplay replay = new StateReplay((position, entryId, message) -> breaks.add(message));
    private long position;

    private void apply(String insight, AuditField field, @Nullable String from, @Nullable String to) {
        position++;
        replay.apply(
                position,
                StoredEntry.of(
                        position,
                        null,
                        new AuditEntry(
                                UUID.randomUUID(),
                                insight,
                                "account",
                                null,
                                field,
                                from,
                                to,
                                null,
                                AuditEntry.SYSTEM,
                                Instant.ofEpochMilli(position))));
    }

    private void compare(
            String id, String status, @Nullable String classification, boolean dismissed, @Nullable String expiresOn) {
        replay.compare(
                utf8(id), utf8(status), classification == null ? null : utf8(classification), dismissed, expiresOn);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String id(int i) {
        return "insight-" + i;
    }

    @Test
    void consistentEntriesAndStates_reportNothing_andUntouchedFieldsAreNotChecked() {
        for (int i = 0; i < INSIGHTS; i++) {
            apply(id(i), AuditField.USER_CLASSIFICATION, null, "false_positive");
        }
        for (int i = 0; i < INSIGHTS; i += 2) {
            apply(id(i), AuditField.USER_CLASSIFICATION, "false_positive", null);
            apply(id(i), AuditField.STATUS, "active", "resolved");
        }
        for (int i = 0; i < INSIGHTS; i++) {
            // status of the odd ones and dismissed of all were never changed: whatever is stored is accepted
            compare(id(i), i % 2 == 0 ? "resolved" : "active", i % 2 == 0 ? null : "false_positive", i % 3 == 0, null);
        }
        compare("never-changed", "active", "accept_risk", true, null);

        assertThat(breaks).isEmpty();
    }

    @Test
    void aMissingEntry_andAStateChangedWithoutAnEntry_areNamed() {
        for (int i = 0; i < INSIGHTS; i++) {
            apply(id(i), AuditField.DISMISSED, "false", "true");
        }
        apply(id(4_321), AuditField.DISMISSED, "false", "true"); // the entry true -> false is missing
        compare(id(1_234), "active", null, false, null); // its last entry left true
        compare(id(2_345), "active", null, true, null);

        assertThat(breaks).hasSize(2);
        assertThat(breaks.get(0))
                .contains("dismissed of insight " + id(4_321) + " from 'false', but the entry before it left 'true'");
        assertThat(breaks.get(1))
                .contains("insight " + id(1_234) + " has dismissed 'false', but its last entry left 'true'");
    }
}
