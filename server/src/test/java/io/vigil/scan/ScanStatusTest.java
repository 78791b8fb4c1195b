package io.vigil.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScanStatusTest {
    @Test
    void status_movesOnlyForward_andNeverOutOfAFinishedOne() {
        assertThat(ScanStatus.QUEUED.canMoveTo(ScanStatus.RUNNING)).isTrue();
        assertThat(ScanStatus.QUEUED.canMoveTo(ScanStatus.FAILED)).isTrue();
        assertThat(ScanStatus.RUNNING.canMoveTo(ScanStatus.COMPLETED)).isTrue();
        assertThat(ScanStatus.RUNNING.canMoveTo(ScanStatus.FAILED)).isTrue();
        assertThat(ScanStatus.RUNNING.canMoveTo(ScanStatus.QUEUED)).isFalse();
        assertThat(ScanStatus.QUEUED.canMoveTo(ScanStatus.QUEUED)).isFalse();
        for (ScanStatus next : ScanStatus.values()) {
            assertThat(ScanStatus.COMPLETED.canMoveTo(next)).isFalse();
            assertThat(ScanStatus.FAILED.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void wireName_isOneOfCloudflaresTwoValues() {
        assertThat(ScanStatus.QUEUED.wireName()).isEqualTo("in_progress");
        assertThat(ScanStatus.RUNNING.wireName()).isEqualTo("in_progress");
        assertThat(ScanStatus.COMPLETED.wireName()).isEqualTo("completed");
        assertThat(ScanStatus.FAILED.wireName()).isEqualTo("completed");
        for (ScanStatus status : ScanStatus.values()) {
            assertThat(ScanStatus.ofStored(status.storedName())).isEqualTo(status);
        }
    }

    @Test
    void quota_neverShowsMoreAvailableThanTheLimit_norLessThanNone() {
        assertThat(ScanQuota.of(0)).isEqualTo(new ScanQuota(0, 5));
        assertThat(ScanQuota.of(3)).isEqualTo(new ScanQuota(3, 2));
        assertThat(ScanQuota.of(7)).isEqualTo(new ScanQuota(7, 0));
    }
}
