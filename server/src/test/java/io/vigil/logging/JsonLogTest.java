package io.vigil.logging;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.store.Database;
import io.vigil.testing.Seeds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code VIGIL_LOG_FORMAT=json} on a real {@code vigil serve} process: every line it logs is one JSON object
 * (parsed by Jackson), and the access lines carry the request id the client got, the route template, the status
 * and the duration as fields of their own.
 */
class JsonLogTest {
    private static final Pattern SERVING = Pattern.compile("serving http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void jsonFormat_logsOneParsableObjectPerLine_withRequestIdRouteStatusAndDuration() throws Exception {
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "j", 3);
        }
        Path stderr = dataDir.resolve("stderr.log");
        Process server = vigil("json", stderr, "serve", "--port", "0", "--data-dir", dataDir.toString());
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (HttpClient http = HttpClient.newHttpClient()) {
            int port = port(server);
            answers.add(http.send(
                    Seeds.classify(
                            port, "j1", "{\"classification\":\"false_positive\"}", token, Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.ofString()));
            answers.add(http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4/accounts/" + ACCOUNT
                                    + "/security-center/insights/j2/audit-log"))
                            .header("Authorization", "Bearer wrong")
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
            answers.add(http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/no%0Aline/break"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        } finally {
            server.destroy(); // SIGTERM: a graceful stop, which logs too
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(answers.size() + 1);
        List<JsonNode> access = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line); // throws if the line is not JSON
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("time").asText()).as(line).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z");
            assertThat(event.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("logger").asText()).as(line).isNotEmpty();
            assertThat(event.has("message")).as(line).isTrue();
            if (event.path("logger").asText().equals("io.vigil.access")) {
                access.add(event);
            }
        }
        assertThat(access).hasSize(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            JsonNode line = access.get(i);
            HttpResponse<String> answer = answers.get(i);
            assertThat(line.path("request_id").asText())
                    .isEqualTo(answer.headers().firstValue("cf-ray").orElseThrow());
            assertThat(line.path("status").isInt()).isTrue();
            assertThat(line.path("status").asInt()).isEqualTo(answer.statusCode());
            assertThat(line.path("duration_ms").isNumber()).isTrue();
        }
        assertThat(access.get(0).path("route").asText())
                .isEqualTo("/client/v4/accounts/{account_id}/security-center/insights/{issue_id}/classification");
        assertThat(access.get(0).path("method").asText()).isEqualTo("PATCH");
        assertThat(access.get(1).path("route").asText())
                .isEqualTo("/client/v4/accounts/{account_id}/security-center/insights/{issue_id}/audit-log");
        assertThat(access.get(2).path("route").asText()).isEqualTo("unmatched");
        assertThat(String.join("\n", lines)).doesNotContain(token);
    }

    @Test
    void anUnknownFormat_isRefusedBeforeAnythingStarts() throws Exception {
        Path stderr = dataDir.resolve("stderr.log");
        Process vigil = vigil("xml", stderr, "migrate", "--data-dir", dataDir.toString());
        assertThat(vigil.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(vigil.exitValue()).isEqualTo(2);
        assertThat(Files.readString(stderr)).isEqualTo("vigil: VIGIL_LOG_FORMAT must be 'text' or 'json', not 'xml'\n");
        assertThat(dataDir.resolve(Database.FILE_NAME)).doesNotExist();
    }

    private static Process vigil(String format, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.vigil.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put(LogFormat.VARIABLE, format);
        builder.environment().remove("VIGIL_ACCESS_LOG");
        builder.environment().remove("VIGIL_LOG_LEVEL");
        return builder.start();
    }

    private static int port(Process server) throws IOException {
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
