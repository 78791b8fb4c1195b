package io.vigil.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: what a scanner prints, and every way a run fails, each stopping what it started. */
class ScannerTest {
    private static final Map<String, String> SCOPE = Map.of("VIGIL_ACCOUNT_ID", "023e105f4ecef8ad9ca31a8372d0c353");

    @TempDir
    Path dir;

    private static Scanner sh(String script) {
        return new Scanner("test", List.of("/bin/sh", "-c", script), Duration.ofSeconds(10), 1 << 20);
    }

    @Test
    void itsLines_andOnlyItsScopeAndABareEnvironment() {
        List<String> lines = sh("echo \"a=$VIGIL_ACCOUNT_ID\"; echo \"db=${VIGIL_DATABASE_URL:-none}\"; echo last")
                .run(SCOPE);
        assertThat(lines).containsExactly("a=023e105f4ecef8ad9ca31a8372d0c353", "db=none", "last");
    }

    @Test
    void tenThousandLines_comeWhole() {
        assertThat(sh("i=0; while [ $i -lt 10000 ]; do echo \"{\\\"id\\\":\\\"s$i\\\"}\"; i=$((i+1)); done")
                        .run(SCOPE))
                .hasSize(10_000)
                .endsWith("{\"id\":\"s9999\"}");
    }

    @Test
    void oneThatHangs_isStoppedAtItsTimeout_withWhatItStarted() throws Exception {
        Path pid = dir.resolve("child.pid");
        Scanner hangs = sh("sleep 60 & echo $! > " + pid + "; wait").withTimeout(Duration.ofMillis(800));
        long started = System.nanoTime();
        assertThatThrownBy(() -> hangs.run(SCOPE))
                .isInstanceOf(ScannerFailed.class)
                .hasMessage("scanner 'test' ran past its timeout of 0 s and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        long child = Long.parseLong(Files.readString(pid).strip());
        Thread.sleep(200);
        assertThat(running(child)).as("the sleep it started is gone too").isFalse();
        assertThat(sh("echo fine").run(SCOPE)).as("the next run works").containsExactly("fine");
    }

    /** Alive and not a zombie (a killed process whose parent is gone waits for an init that may never reap it). */
    private static boolean running(long pid) throws java.io.IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void oneThatPrintsPastTheCap_isStopped() {
        assertThatThrownBy(() -> sh("yes").withMaxOutput(100_000).run(SCOPE))
                .isInstanceOf(ScannerFailed.class)
                .hasMessage("scanner 'test' printed more than 100000 bytes and was stopped");
    }

    @Test
    void aFailingExit_givesTheEndOfItsStandardError() {
        assertThatThrownBy(() -> sh("echo partial; echo 'cannot reach the API' >&2; exit 3")
                        .run(SCOPE))
                .isInstanceOf(ScannerFailed.class)
                .hasMessage("scanner 'test' exited with status 3: cannot reach the API");
    }

    @Test
    void bytesThatAreNotUtf8_andAProgramThatIsNotThere_areReasons() {
        assertThatThrownBy(() -> sh("printf '\\377\\n'").run(SCOPE))
                .isInstanceOf(ScannerFailed.class)
                .hasMessage("scanner 'test' printed bytes that are not UTF-8");
        assertThatThrownBy(
                        () -> Scanner.parse("gone=/nonexistent/scanner --all").run(SCOPE))
                .isInstanceOf(ScannerFailed.class)
                .hasMessageStartingWith("scanner 'gone' cannot be started: ");
    }

    @Test
    void theOption_isANameAndAnArgumentVector() {
        Scanner parsed = Scanner.parse("nuclei=/usr/local/bin/nuclei-to-vigil  --severity high");
        assertThat(parsed.name()).isEqualTo("nuclei");
        assertThat(parsed.command()).containsExactly("/usr/local/bin/nuclei-to-vigil", "--severity", "high");
        assertThat(parsed.timeout()).isEqualTo(Scanner.DEFAULT_TIMEOUT);
        assertThatThrownBy(() -> Scanner.parse("no-equals-sign")).hasMessageContaining("NAME=COMMAND");
        assertThatThrownBy(() -> Scanner.parse("x=")).hasMessage("scanner 'x' has no command");
        assertThatThrownBy(() -> Scanner.parse("bad name=/bin/true")).hasMessageContaining("letters, digits");
    }
}
