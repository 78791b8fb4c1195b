package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import io.vigil.TestMode;
import io.vigil.http.Fault;
import io.vigil.http.Faults;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Test mode (faults on routes, a reset of the store) is reachable only by a programmatic start ({@link
 * TestMode#start}): a served {@code vigil serve} can never be switched into it — not by an option, not through the
 * options or the assembly it starts with, not by an environment variable.
 */
class ServeCannotEnterTestModeTest {
    private static final Set<Class<?>> TEST_MODE = Set.of(TestMode.class, Faults.class, Fault.class);

    @Test
    void commandLine_everyOptionOfEveryCommand_mentionsNoFaultOrTestMode() {
        List<String> offending = new ArrayList<>();
        visit(new CommandLine(new VigilCommand(Main.ASSEMBLY)), offending);
        assertThat(offending).isEmpty();
    }

    private static void visit(CommandLine command, List<String> offending) {
        for (ArgSpec arg : command.getCommandSpec().args()) {
            String names = arg instanceof OptionSpec option ? String.join(",", option.names()) : arg.paramLabel();
            String lower = names.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("fault") || lower.contains("test") || TEST_MODE.contains(arg.type())) {
                offending.add(command.getCommandName() + " " + names);
            }
        }
        command.getSubcommands().values().forEach(sub -> visit(sub, offending));
    }

    @Test
    void serveOptionsAndAssembly_cannotCarryTestMode() {
        for (RecordComponent component : ServerOptions.class.getRecordComponents()) {
            assertThat(TEST_MODE).doesNotContain(component.getType());
        }
        for (Method method : Assembly.class.getMethods()) {
            assertThat(method.getParameterTypes()).doesNotContainAnyElementsOf(TEST_MODE);
        }
        // Main's one start that takes faults is package-private: only TestMode, beside it, calls it.
        for (Method method : Main.class.getDeclaredMethods()) {
            if (Arrays.asList(method.getParameterTypes()).contains(Faults.class)) {
                assertThat(Modifier.isPublic(method.getModifiers()))
                        .as(method.toString())
                        .isFalse();
            }
        }
    }

    @Test
    void mainCode_readsNoEnvironmentVariableButTheLogFormatAndTheSyncToken() throws IOException {
        Pattern getenv = Pattern.compile("System\\.getenv\\(([^)]*)\\)");
        List<String> reads = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = getenv.matcher(Files.readString(file));
                while (m.find()) {
                    reads.add(file.getFileName() + ":" + m.group(1));
                }
            }
        }
        assertThat(reads).containsExactlyInAnyOrder("Main.java:LogFormat.VARIABLE", "SyncOptions.java:TOKEN_VARIABLE");
    }

    @Test
    void mainCode_onlyTestModeAndTheHttpLayerUseFaults() throws IOException {
        List<String> users = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(file).contains("Faults")) {
                    users.add(Path.of("src/main/java/io/vigil").relativize(file).toString());
                }
            }
        }
        assertThat(users)
                .containsExactlyInAnyOrder(
                        "Main.java", "TestMode.java", "http/ApiServer.java", "http/Faults.java", "http/Fault.java");
    }
}
