package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} (usage on standard output, exit 0), and so does {@code help}. */
class CliHelpTest {
    private static CliRun vigil(String... args) {
        return CliRun.of(args);
    }

    /** Every command path of the tree: "serve", "token create", … */
    private static List<List<String>> paths(CommandLine command, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        command.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            paths.addAll(paths(sub, path));
        });
        return paths;
    }

    @Test
    void everyCommand_answersHelp_onStandardOutput_withExitZero() {
        List<List<String>> paths = paths(new CommandLine(new VigilCommand(Main.ASSEMBLY)), List.of());
        assertThat(paths).hasSizeGreaterThan(20);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = vigil(args.toArray(String[]::new));
            String name = "vigil " + String.join(" ", path);
            assertThat(run.exitCode()).as(name + " --help: " + run.err()).isZero();
            assertThat(run.out()).as(name).startsWith("Usage: " + name);
            assertThat(run.err()).as(name).isEmpty();
            if (path.size() == 1) {
                CliRun help = vigil("help", path.get(0));
                assertThat(help.exitCode()).as("vigil help " + path.get(0)).isZero();
                assertThat(help.out()).isEqualTo(run.out());
            }
        }
        assertThat(vigil("--help").out()).startsWith("Usage: vigil").contains("help");
        assertThat(vigil("help").exitCode()).isZero();
    }

    @Test
    void aUsageError_saysWhatIsWrong_andWhereHelpIs_withoutTheWholeUsage() {
        CliRun run = vigil("migrate", "--nope");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("vigil: Unknown option")
                .contains("Run 'vigil migrate --help' for its options.")
                .doesNotContain("Usage:");
        CliRun none = vigil();
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing command: serve, migrate, token, user, insights, sync, webhook");
    }
}
