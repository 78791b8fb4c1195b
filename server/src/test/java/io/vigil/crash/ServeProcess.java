package io.vigil.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code vigil serve} in a child JVM, so a test can SIGKILL it: no shutdown hook, no final commit. */
final class ServeProcess {
    private static final Pattern SERVING = Pattern.compile("Vigil is serving http://127\\.0\\.0\\.1:(\\d+)/client/v4");

    private ServeProcess() {}

    /** Starts {@code vigil serve --port 0} with {@code options} (the data directory, the database, …). */
    static Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.vigil.Main",
                "serve",
                "--port",
                "0"));
        command.addAll(List.of(options));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The port {@code server} serves on, once it says so; throws if it exits first. */
    static int port(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IllegalStateException("server exited before serving");
    }
}
