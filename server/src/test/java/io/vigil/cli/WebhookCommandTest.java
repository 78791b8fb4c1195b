package io.vigil.cli;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.Database;
import io.vigil.testing.Seeds;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil webhook}, run in-process exactly as {@code ./vigil} runs it. */
class WebhookCommandTest {
    @TempDir
    Path dataDir;

    private CliRun vigil(String... args) {
        return CliRun.in(dataDir, args);
    }

    @BeforeEach
    void seed() {
        try (Database database = Database.open(dataDir)) {
            Seeds.insightsAndEditToken(database, "w", 1);
        }
    }

    @Test
    void anAccountTheStoreDoesNotKnow_isRefused() {
        String unknown = "f".repeat(32);
        CliRun refused = vigil("webhook", "add", "https://hooks.example.com/x", "--account", unknown);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--account '" + unknown + "' is not an account this store knows");
        assertThat(refused.out()).isEmpty();
    }

    @Test
    void addListPauseResumeReplayRemove() {
        CliRun refused = vigil("webhook", "add", "https://169.254.169.254/latest", "--account", ACCOUNT);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("url is refused").contains("169.254.169.254");

        CliRun added = vigil(
                "webhook",
                "add",
                "https://192.0.2.10/hook",
                "--account",
                ACCOUNT,
                "--severity",
                "critical",
                "--kind",
                "insight.classification_changed");
        assertThat(added.exitCode()).as(added.err()).isZero();
        Matcher m =
                Pattern.compile("id: +([0-9a-f]{32})\\Rsecret: (whsec_\\S+)\\R").matcher(added.out());
        assertThat(m.matches()).as(added.out()).isTrue();
        String id = m.group(1);
        String secret = m.group(2);

        CliRun list = vigil("webhook", "list", "--account", ACCOUNT);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out())
                .contains(id)
                .contains("active")
                .contains("insight.classification_changed,critical  https://192.0.2.10/hook\n")
                .doesNotContain(secret);
        assertThat(list.out().lines().toList().get(0))
                .matches("ID +STATE +POSITION +DELIVERED +FAILURES +LAST DELIVERY +LAST ERROR +FILTERS +URL");
        assertThat(vigil("webhook", "list", "--help").out())
                .as("only add checks a target")
                .doesNotContain("--allow-private-webhook-targets");

        assertThat(vigil("webhook", "pause", id, "--account", ACCOUNT).out()).contains(id + " paused");
        assertThat(vigil("webhook", "list", "--account", ACCOUNT).out()).contains("paused");
        assertThat(vigil("webhook", "resume", id, "--account", ACCOUNT).out()).contains(id + " active");
        assertThat(vigil("webhook", "replay", id, "--account", ACCOUNT, "--since", "0")
                        .out())
                .contains("at position 0");
        assertThat(vigil("webhook", "replay", id, "--account", ACCOUNT, "--since", "2026-12-01T00:00:00Z")
                        .exitCode())
                .isZero();
        CliRun bad = vigil("webhook", "replay", id, "--account", ACCOUNT, "--since", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--since takes an RFC 3339 time");

        CliRun rotated = vigil("webhook", "rotate", id, "--account", ACCOUNT, "--overlap", "1h");
        assertThat(rotated.exitCode()).as(rotated.err()).isZero();
        assertThat(rotated.out())
                .contains("id:     " + id)
                .containsPattern("secret: whsec_\\S+")
                .contains("the old secret also signs until ")
                .doesNotContain(secret);
        assertThat(vigil("webhook", "rotate", id, "--account", ACCOUNT, "--overlap", "8d")
                        .err())
                .contains("--overlap is at most 7d");
        assertThat(vigil("webhook", "remove", id, "--account", ACCOUNT).out()).contains("removed " + id);
        CliRun again = vigil("webhook", "remove", id, "--account", ACCOUNT);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("not found");
        assertThat(vigil("webhook", "list", "--account", ACCOUNT).out()).doesNotContain(id);
    }

    @Test
    void privateTargets_needTheFlag() {
        assertThat(vigil("webhook", "add", "http://127.0.0.1:9/hook", "--account", ACCOUNT)
                        .exitCode())
                .isEqualTo(2);
        assertThat(vigil(
                                "webhook",
                                "add",
                                "http://127.0.0.1:9/hook",
                                "--account",
                                ACCOUNT,
                                "--allow-private-webhook-targets")
                        .exitCode())
                .isZero();
    }
}
