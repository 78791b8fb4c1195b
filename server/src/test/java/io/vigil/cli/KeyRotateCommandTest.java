package io.vigil.cli;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil audit key rotate}, and {@code verify} following the change with the old key, as the docs show. */
class KeyRotateCommandTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path kept;

    private CliRun vigil(String... args) {
        return CliRun.in(dataDir, args);
    }

    private void importStatus(String status) throws IOException {
        Path file = dataDir.resolve("insights.jsonl");
        Files.writeString(
                file,
                "{\"id\":\"i1\",\"account_id\":\"" + ACCOUNT + "\",\"issue_class\":\"dnssec_disabled\","
                        + "\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"example.com\","
                        + "\"status\":\"" + status + "\"}");
        assertThat(vigil("insights", "import", file.toString()).exitCode()).isZero();
    }

    @Test
    void rotate_thenVerifyWithTheOldKey_followsTheChange() throws Exception {
        importStatus("active");
        importStatus("resolved");
        CliRun checkpoint = vigil("audit", "checkpoint");
        assertThat(checkpoint.exitCode()).as(checkpoint.err()).isZero();
        Path oldCheckpoint = kept.resolve("old.checkpoint");
        Files.writeString(oldCheckpoint, checkpoint.out());
        CliRun oldKey = vigil("audit", "key");
        Path oldPem = kept.resolve("old.pem");
        Files.writeString(oldPem, oldKey.out());
        String oldId = oldKey.out().lines().findFirst().orElseThrow().substring("# key ".length());

        CliRun rotate = vigil("audit", "key", "rotate");
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.out())
                .startsWith("key change 1: " + oldId + " → ")
                .contains("after seal 1, signed by both keys");
        String newId =
                vigil("audit", "key").out().lines().findFirst().orElseThrow().substring("# key ".length());
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(rotate.out()).contains("# key " + newId + "\n-----BEGIN PUBLIC KEY-----");

        importStatus("active");
        CliRun second = vigil("audit", "checkpoint");
        assertThat(second.out())
                .startsWith("vigil change log checkpoint\nseal 2\n")
                .contains("\nkey " + newId + "\n");

        CliRun verify =
                vigil("audit", "verify", "--public-key", oldPem.toString(), "--checkpoint", oldCheckpoint.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out())
                .contains("with key " + oldId + " (given with --public-key)")
                .contains("followed key change 1: " + oldId + " → " + newId + " after seal 1 (")
                .endsWith("intact\n");
        assertThat(vigil("audit", "verify").out()).as("with the new key file").endsWith("intact\n");
    }
}
