package io.vigil.hardening;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full run as a user would do it — the CLI creating tokens and a user, the server with demo data, debug
 * logging and a rate limit, requests that succeed, fail authentication, are refused and are limited — then
 * every byte of log output, and the database files, are searched for every secret issued. None is there.
 */
class SecretsNeverLoggedTest {
    private static final Pattern SERVING = Pattern.compile("Vigil is serving (http://127\\.0\\.0\\.1:\\d+/client/v4)");
    private static final Pattern DEMO_TOKEN = Pattern.compile("CLOUDFLARE_API_TOKEN=(\\S+)");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    record Run(String out, Path log) {}

    private ProcessBuilder vigil(Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.vigil.Main"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().put("VIGIL_LOG_LEVEL", "DEBUG");
        return builder;
    }

    private Run cli(String name, String... args) throws Exception {
        Path log = dir.resolve(name + ".log");
        Process process = vigil(log, args).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as("%s: %s", name, Files.readString(log))
                .isZero();
        return new Run(out.strip(), log);
    }

    private static int get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int patch(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void aFullRun_neverWritesASecretToTheLogOrTheDatabase() throws Exception {
        List<String> secrets = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        Run edit = cli("token-edit", "token", "create", "--name", "edit", "--permission", "edit", "--account", ACCOUNT);
        Run read = cli(
                "token-read",
                "token",
                "create",
                "--name",
                "read",
                "--permission",
                "read",
                "--account",
                ACCOUNT,
                "--expires",
                "1d");
        Run user = cli("user", "user", "create", "--email", "ops@example.com", "--account", ACCOUNT);
        Run doomed = cli(
                "token-doomed", "token", "create", "--name", "doomed", "--permission", "edit", "--account", ACCOUNT);
        secrets.addAll(List.of(edit.out(), read.out(), user.out(), doomed.out()));
        Run list = cli("token-list", "token", "list");
        String doomedId = list.out()
                .lines()
                .filter(l -> l.contains(" doomed "))
                .findFirst()
                .orElseThrow()
                .substring(0, 32);
        cli("token-revoke", "token", "revoke", doomedId);
        Stream.of(edit, read, user, doomed, list).map(Run::log).forEach(logs::add);
        assertThat(list.out()).doesNotContain(secrets);

        Path serverLog = dir.resolve("serve.log");
        logs.add(serverLog);
        Process server = vigil(serverLog, "serve", "--port", "0", "--demo", "--rate-limit", "40/1m")
                .start();
        try {
            var stdout = new java.io.BufferedReader(
                    new java.io.InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String base = null;
            String demo = null;
            for (String line; (demo == null || base == null) && (line = stdout.readLine()) != null; ) {
                Matcher serving = SERVING.matcher(line);
                if (serving.find()) {
                    base = serving.group(1);
                }
                Matcher token = DEMO_TOKEN.matcher(line);
                if (token.find()) {
                    demo = token.group(1);
                }
            }
            assertThat(base).isNotNull();
            assertThat(demo).isNotNull();
            secrets.add(demo);
            String insights = base + "/accounts/" + ACCOUNT + "/security-center/insights";
            for (String secret : secrets) {
                get(base + "/user/tokens/verify", "Authorization", "Bearer " + secret);
                get(insights, "Authorization", "Bearer " + secret);
                get(insights, "Authorization", "Bearer " + secret + "x");
                get(insights, "Authorization", "Token " + secret);
                get(insights, "X-Auth-Email", "ops@example.com", "X-Auth-Key", secret);
                get(insights, "X-Auth-Email", "nobody@example.com", "X-Auth-Key", secret);
                get(insights + "?token=" + secret, "Authorization", "Bearer " + secret);
                patch(
                        insights + "/nope/classification",
                        "{\"classification\":\"other\"}",
                        "Authorization",
                        "Bearer " + secret);
                patch(
                        insights + "/nope/classification",
                        "{",
                        "Authorization",
                        "Bearer " + secret,
                        "Authorization",
                        "Bearer " + secret);
            }
            int limited = 0;
            for (int i = 0; i < 45; i++) {
                if (get(insights, "Authorization", "Bearer " + edit.out()) == 429) {
                    limited++;
                }
            }
            assertThat(limited).as("requests refused by the rate limit").isPositive();
        } finally {
            server.destroy(); // SIGTERM: the graceful path logs too
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        StringBuilder everything = new StringBuilder();
        for (Path log : logs) {
            everything.append(Files.readString(log));
        }
        assertThat(everything).as("log output").contains(" 429 ").contains("-VGL");
        for (String secret : secrets) {
            assertThat(everything.toString()).as("log output").doesNotContain(secret);
        }
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    assertThat(bytes)
                            .as("%s holds a secret", file.getFileName())
                            .doesNotContain(secret);
                }
            }
        }
        assertThat(dir.resolve("data").resolve(Database.FILE_NAME)).exists();
        System.out.printf(
                "secrets: %d issued, %d bytes of log searched, 0 found%n", secrets.size(), everything.length());
    }
}
