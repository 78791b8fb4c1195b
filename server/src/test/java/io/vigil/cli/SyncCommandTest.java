package io.vigil.cli;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Permission;
import io.vigil.testing.Insights;
import io.vigil.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil sync} as a person runs it: against a real upstream Vigil, the token from a file and never shown. */
class SyncCommandTest {
    @TempDir
    Path upstreamDir;

    @TempDir
    Path dataDir;

    private CliRun vigil(String... args) {
        return CliRun.in(dataDir, args);
    }

    @Test
    void syncsFromAnotherVigil_summarises_andNeverPrintsTheToken() throws Exception {
        try (TestServer upstream = TestServer.start(upstreamDir)) {
            upstream.seed(List.of(
                    Insights.inAccount("cli-sync-1", ACCOUNT),
                    Insights.inZone("cli-sync-2", ACCOUNT, ZONE),
                    Insights.withDismissed(Insights.inZone("cli-sync-3", ACCOUNT, ZONE), true)));
            String token = upstream.token(Permission.READ, Set.of(ACCOUNT), Set.of());
            Path tokenFile = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + ".token"), token + "\n");

            CliRun run = vigil(
                    "sync", "--account", ACCOUNT, "--from", upstream.baseUrl(), "--token-file", tokenFile.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("insights added:     3").contains("requests used:");
            assertThat(run.out() + run.err()).doesNotContain(token);
            CliRun again = vigil(
                    "sync",
                    "--account",
                    ACCOUNT,
                    "--from",
                    upstream.baseUrl(),
                    "--token-file",
                    tokenFile.toString(),
                    "--dry-run");
            assertThat(again.out()).contains("dry run").contains("insights to add:    0");
        }
    }

    @Test
    void aWrongFromOrToken_stopsSayingWhatToCheck() throws Exception {
        try (TestServer upstream = TestServer.start(upstreamDir)) {
            String token = upstream.token(Permission.READ, Set.of(ACCOUNT), Set.of());
            Path tokenFile = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + ".token"), token + "\n");
            String root = upstream.baseUrl().replaceAll("/client/v4/?$", "");

            CliRun wrongRoot =
                    vigil("sync", "--account", ACCOUNT, "--from", root, "--token-file", tokenFile.toString());
            assertThat(wrongRoot.exitCode()).isEqualTo(1);
            assertThat(wrongRoot.out())
                    .startsWith("sync: stopped: GET /zones")
                    .contains("HTTP 404")
                    .contains("  check: is --from the API's root (Cloudflare's: https://api.cloudflare.com/client/v4)");

            Path wrongToken = Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + ".bad"), "x".repeat(40));
            CliRun refused = vigil(
                    "sync", "--account", ACCOUNT, "--from", upstream.baseUrl(), "--token-file", wrongToken.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("HTTP 401").contains("  check: is the token valid");
        }
    }

    @Test
    void refusesBadOptions_andAMissingToken_withAClearMessage() {
        CliRun noToken = vigil(
                "sync",
                "--account",
                ACCOUNT,
                "--from",
                "http://127.0.0.1:9/client/v4",
                "--token-file",
                dataDir.resolve("absent").toString());
        assertThat(noToken.exitCode()).isNotZero();
        assertThat(noToken.err()).contains("cannot read --token-file");
        CliRun badAccount = vigil("sync", "--account", "nope");
        assertThat(badAccount.err()).contains("--account must be 32 lowercase hex characters");
        CliRun badUrl = vigil("sync", "--account", ACCOUNT, "--from", "ftp://example.com/");
        assertThat(badUrl.err()).contains("--from must be an http(s) URL");
    }
}
