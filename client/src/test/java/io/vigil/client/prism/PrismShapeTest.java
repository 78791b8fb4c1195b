package io.vigil.client.prism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.client.AuditLogQuery;
import io.vigil.client.Classification;
import io.vigil.client.ClassificationUpdate;
import io.vigil.client.FindingSource;
import io.vigil.client.Insight;
import io.vigil.client.InsightQuery;
import io.vigil.client.InsightStatus;
import io.vigil.client.InsightsClient;
import io.vigil.client.IssueType;
import io.vigil.client.ScanRequest;
import io.vigil.client.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's shapes against a server nobody here wrote: Stoplight Prism mocking Cloudflare's own schema extract
 * (the conformance suite's copy, with its provenance). Prism refuses a request that breaks the schema (its
 * {@code --errors} mode answers 422, which the client throws), so every call checks what the client sends; and
 * every answer is one the schema allows — its examples, then generated ones ({@code --dynamic}, seeded) — so every
 * call checks that the client reads whatever Cloudflare may answer.
 *
 * <p>Each of the extract's 27 operations is called. Prism is installed by {@code client/prism/install.sh}; without
 * it the check is skipped, except under {@code CI=true}, where it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrismShapeTest {
    private static final Path SCHEMA =
            Path.of("../server/src/test/resources/io/vigil/conformance/cloudflare-insights-openapi.json");
    private static final Path PRISM = Path.of(System.getProperty("vigil.prism", "prism/node_modules/.bin/prism"));
    private static final String ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353";
    private static final String ZONE = "9a7806061c88ada191ed06f989cc3dac";
    private static final String ISSUE = "c3b4e1b2-9f0e-4e3b-8f5e-2b1f0a6d7e8c";
    private static final int DYNAMIC_ROUNDS = 5;

    private final List<Process> prisms = new ArrayList<>();

    /** Every operation of the extract, as the client calls it, by the operation's method and path. */
    private static final Map<String, Consumer<InsightsClient>> OPERATIONS = operations();

    @BeforeAll
    void prismIsThere() {
        boolean installed = Files.isExecutable(PRISM);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Prism is not installed at " + PRISM.toAbsolutePath()
                    + ": run bash client/prism/install.sh before mvn verify");
        }
        assumeTrue(installed, "Prism not installed (bash client/prism/install.sh): the shape check is skipped");
    }

    @AfterAll
    void stopPrisms() throws InterruptedException {
        for (Process prism : prisms) {
            prism.descendants().forEach(ProcessHandle::destroy);
            prism.destroy();
            prism.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theClientCallsEveryOperationOfTheExtract() throws IOException {
        List<String> inSchema = new ArrayList<>();
        var paths = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(SCHEMA.toFile())
                .get("paths");
        paths.fieldNames()
                .forEachRemaining(path -> paths.get(path)
                        .fieldNames()
                        .forEachRemaining(
                                method -> inSchema.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        assertThat(OPERATIONS.keySet()).containsExactlyInAnyOrderElementsOf(inSchema);
        assertThat(inSchema).hasSize(27);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"static", "dynamic"})
    void everyOperation_isSentAsTheSchemaSays_andItsAnswersAreRead(String mode) {
        URI prism = start(mode.equals("dynamic"));
        try (InsightsClient client = InsightsClient.builder()
                .baseUrl(prism)
                .apiToken("Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY")
                .maxRetries(0)
                .build()) {
            int rounds = mode.equals("dynamic") ? DYNAMIC_ROUNDS : 1;
            for (int round = 0; round < rounds; round++) {
                OPERATIONS.forEach((operation, call) ->
                        assertThatCode(() -> call.accept(client)).as(operation).doesNotThrowAnyException());
            }
        }
        try (InsightsClient byKey = InsightsClient.builder()
                .baseUrl(prism)
                .apiKey("user@example.com", "144c9defac04969c7bfad8efaa8ea194")
                .maxRetries(0)
                .build()) {
            OPERATIONS.forEach((operation, call) ->
                    assertThatCode(() -> call.accept(byKey)).as(operation).doesNotThrowAnyException());
        }
    }

    @Test
    void prismRefusesARequestTheSchemaForbids_soAPassingCallMeansAWellFormedRequest() throws Exception {
        URI prism = start(false);
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(URI.create(prism + "/accounts/" + ACCOUNT
                                        + "/security-center/insights" + "?severity=catastrophic"))
                                .header("Authorization", "Bearer Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    }

    @Test
    void theSchemasExampleInsight_isReadFieldByField() {
        try (InsightsClient client = InsightsClient.builder()
                .baseUrl(start(false))
                .apiToken("Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQqnFTOFYY")
                .build()) {
            Insight example = client.account(ACCOUNT)
                    .insights()
                    .list(InsightQuery.ALL)
                    .firstPage()
                    .items()
                    .get(0);
            assertThat(example.issueType()).isEqualTo(IssueType.COMPLIANCE_VIOLATION);
            assertThat(example.severity()).isEqualTo(Severity.LOW);
            assertThat(example.status()).isEqualTo(InsightStatus.ACTIVE);
            assertThat(example.userClassification()).isEqualTo(Classification.FALSE_POSITIVE);
            assertThat(example.since()).isEqualTo(Instant.parse("2019-08-24T14:15:22Z"));
            assertThat(example.payload()).isNotNull();
        }
    }

    @SuppressWarnings("deprecation") // the deprecated attack-surface-report operations are in the extract
    private static Map<String, Consumer<InsightsClient>> operations() {
        InsightQuery everyFilter = InsightQuery.builder()
                .dismissed(false)
                .issueClass("always_use_https_not_enabled")
                .issueClassNot("dns_record_exposes_origin")
                .issueType(IssueType.COMPLIANCE_VIOLATION, IssueType.EMAIL_SECURITY)
                .issueTypeNot(IssueType.WEAK_AUTHENTICATION)
                .product("access")
                .productNot("dns")
                .severity(Severity.LOW, Severity.CRITICAL)
                .severityNot(Severity.MODERATE)
                .subject("example.com")
                .subjectNot("other.example.com")
                .source(FindingSource.CLOUDFLARE)
                .page(1)
                .perPage(25)
                .build();
        AuditLogQuery audit = AuditLogQuery.ALL
                .since(Instant.parse("2026-01-01T00:00:00Z"))
                .before(Instant.parse("2026-12-01T00:00:00Z"))
                .perPage(50);
        String account = "/accounts/{account_id}";
        String zone = "/zones/{zone_id}";
        String asr = account + "/intel/attack-surface-report";
        String insights = "/security-center/insights";
        Map<String, Consumer<InsightsClient>> operations = new java.util.LinkedHashMap<>();
        operations.put(
                "GET " + asr + "/issue-types",
                c -> c.account(ACCOUNT).attackSurfaceReport().issueTypes());
        operations.put(
                "GET " + asr + "/issues",
                c -> c.account(ACCOUNT)
                        .attackSurfaceReport()
                        .issues(everyFilter)
                        .firstPage());
        operations.put(
                "GET " + asr + "/issues/class",
                c -> c.account(ACCOUNT).attackSurfaceReport().countByClass(everyFilter));
        operations.put(
                "GET " + asr + "/issues/severity",
                c -> c.account(ACCOUNT).attackSurfaceReport().countBySeverity(everyFilter));
        operations.put(
                "GET " + asr + "/issues/type",
                c -> c.account(ACCOUNT).attackSurfaceReport().countByType(everyFilter));
        operations.put(
                "PUT " + asr + "/{issue_id}/dismiss",
                c -> c.account(ACCOUNT).attackSurfaceReport().dismiss(ISSUE, true));
        for (String scope : List.of(account, zone)) {
            boolean onAccount = scope.equals(account);
            java.util.function.Function<InsightsClient, io.vigil.client.Insights> of = c ->
                    onAccount ? c.account(ACCOUNT).insights() : c.zone(ZONE).insights();
            java.util.function.Function<InsightsClient, io.vigil.client.Scans> scans =
                    c -> onAccount ? c.account(ACCOUNT).scans() : c.zone(ZONE).scans();
            String base = scope + insights;
            operations.put("GET " + base, c -> of.apply(c).list(everyFilter).firstPage());
            operations.put(
                    "GET " + base + "/audit-log",
                    c -> of.apply(c).auditLog(audit).firstPage());
            operations.put("GET " + base + "/class", c -> of.apply(c).countByClass(everyFilter));
            operations.put("GET " + base + "/severity", c -> of.apply(c).countBySeverity(everyFilter));
            operations.put("GET " + base + "/type", c -> of.apply(c).countByType(everyFilter));
            operations.put("GET " + base + "/scans", c -> scans.apply(c).list());
            operations.put(
                    "POST " + base + "/scans", c -> scans.apply(c).start(ScanRequest.of(IssueType.EMAIL_SECURITY)));
            operations.put(
                    "GET " + base + "/{issue_id}/audit-log",
                    c -> of.apply(c).auditLog(ISSUE, audit).firstPage());
            operations.put("PATCH " + base + "/{issue_id}/classification", c -> {
                of.apply(c).classify(ISSUE, ClassificationUpdate.set(Classification.FALSE_POSITIVE, "a test host"));
                of.apply(c).classify(ISSUE, ClassificationUpdate.reset());
            });
            operations.put(
                    "PUT " + base + "/{issue_id}/dismiss", c -> of.apply(c).dismiss(ISSUE, false));
            if (onAccount) {
                operations.put(
                        "GET " + base + "/{issue_id}/context",
                        c -> c.account(ACCOUNT).insights().context(ISSUE));
            }
        }
        return operations;
    }

    /** Starts Prism on a free loopback port; returns its base URL once it listens. */
    private URI start(boolean dynamic) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                PRISM.toAbsolutePath().toString(),
                "mock",
                "--errors",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port)));
        if (dynamic) {
            command.addAll(List.of("--dynamic", "--seed", "vigil"));
        }
        command.add(SCHEMA.toAbsolutePath().toString());
        try {
            Process prism =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            prisms.add(prism);
            CompletableFuture<Boolean> listening = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(prism.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                        if (line.contains("Prism is listening")) {
                            listening.complete(true);
                        }
                    }
                } catch (IOException e) {
                    listening.completeExceptionally(e);
                }
                listening.complete(false);
            });
            boolean up = listening.get(60, TimeUnit.SECONDS);
            if (!up) {
                synchronized (output) {
                    throw new IllegalStateException("Prism stopped before it listened:\n" + output);
                }
            }
            return URI.create("http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Prism did not start", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
