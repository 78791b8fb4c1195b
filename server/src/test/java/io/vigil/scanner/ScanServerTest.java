package io.vigil.scanner;

import static io.vigil.testing.Insights.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Main;
import io.vigil.audit.AuditEntry;
import io.vigil.cli.ServerOptions;
import io.vigil.insight.InsightStatus;
import io.vigil.scan.Scan;
import io.vigil.scan.ScanStatus;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.store.JdbcScanStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.AuditTrail;
import io.vigil.testing.Seeds;
import io.vigil.testing.Stores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans through a real server, run by a real scanner process: what it prints is applied once, a scanner that
 * prints garbage or hangs fails its scan with the reason and changes nothing, the next scan works, and what it no
 * longer prints is resolved.
 */
class ScanServerTest {
    private static final String SCRIPT = """
            mode=$(cat "$1")
            case "$mode" in
              many|fewer)
                n=10000; [ "$mode" = fewer ] && n=9000
                i=0
                while [ $i -lt $n ]; do
                  echo "{\\"id\\":\\"scan-$i\\",\\"account_id\\":\\"$VIGIL_ACCOUNT_ID\\",\\"issue_class\\":\\"dnssec_disabled\\",\
            \\"issue_type\\":\\"insecure_configuration\\",\\"severity\\":\\"Low\\",\\"subject\\":\\"h$i.example.com\\"}"
                  i=$((i+1))
                done ;;
              garbage) echo '{"id":"scan-x","account_id":"'"$VIGIL_ACCOUNT_ID"'"}'; echo 'not json' ;;
              hang) sleep 60 ;;
            esac
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @TempDir
    Path scripts;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scansRunTheScanner_applyWhatItPrintsOnce_andFailCleanly() throws Exception {
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "p", 2);
        }
        Path script = scripts.resolve("scanner.sh");
        Path mode = scripts.resolve("mode");
        Files.writeString(script, SCRIPT);
        Scanner scanner = new Scanner(
                "test", List.of("/bin/sh", script.toString(), mode.toString()), Duration.ofSeconds(3), 8 << 20);
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withScanners(List.of(scanner));
        try (Main.Server server = Main.start(null, dataDir, options);
                Database database = Database.open(dataDir)) {
            JdbcScanStore scans = new JdbcScanStore(database);

            Files.writeString(mode, "many");
            Scan done = scan(server.port(), token, scans);
            assertThat(done.status()).as(String.valueOf(done.reason())).isEqualTo(ScanStatus.COMPLETED);
            assertThat(total(server.port(), token)).isEqualTo(10_002);

            Files.writeString(mode, "garbage");
            Scan garbage = scan(server.port(), token, scans);
            assertThat(garbage.status()).isEqualTo(ScanStatus.FAILED);
            assertThat(garbage.reason())
                    .startsWith("scanner 'test' line 1 is not an insight of the import shape: ")
                    .endsWith("; nothing was applied");
            assertThat(total(server.port(), token)).as("nothing changed").isEqualTo(10_002);

            Files.writeString(mode, "hang");
            Scan hung = scan(server.port(), token, scans);
            assertThat(hung.status()).isEqualTo(ScanStatus.FAILED);
            assertThat(hung.reason()).isEqualTo("scanner 'test' ran past its timeout of 3 s and was stopped");
            JsonNode listed = JSON.readTree(http.send(
                                    request(server.port(), token, "/security-center/insights/scans")
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .path("result")
                    .path("scans")
                    .path(0);
            assertThat(listed.path("status").asText()).isEqualTo("completed");
            assertThat(listed.path("failure").asText()).isEqualTo(hung.reason());

            Files.writeString(mode, "many");
            assertThat(scan(server.port(), token, scans).status())
                    .as("the next scan works")
                    .isEqualTo(ScanStatus.COMPLETED);
            assertThat(total(server.port(), token))
                    .as("applied once: the same insights")
                    .isEqualTo(10_002);

            Files.writeString(mode, "fewer");
            assertThat(scan(server.port(), token, scans).status()).isEqualTo(ScanStatus.COMPLETED);
            try (JdbcInsightStore insights = Stores.insights(database)) {
                Scope account = new Scope.Account(ACCOUNT);
                assertThat(insights.get(account, "scan-9000").orElseThrow().status())
                        .as("no longer printed")
                        .isEqualTo(InsightStatus.RESOLVED);
                assertThat(insights.get(account, "scan-8999").orElseThrow().status())
                        .isEqualTo(InsightStatus.ACTIVE);
            }
            assertThat(AuditTrail.of(database, ACCOUNT, "scan-9999").getLast().changedBy())
                    .isEqualTo(AuditEntry.SYSTEM);
        }
    }

    /** Starts a scan of the account and waits for it to end. */
    private Scan scan(int port, String token, JdbcScanStore scans) throws Exception {
        HttpResponse<String> started = http.send(
                request(port, token, "/security-center/insights/scans")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String id = JSON.readTree(started.body()).path("result").path("scan_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (Scan scan : scans.recent(ACCOUNT, null, 5)) {
                if (scan.id().equals(id)
                        && (scan.status() == ScanStatus.COMPLETED || scan.status() == ScanStatus.FAILED)) {
                    return scan;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("scan " + id + " did not end within 60 s");
    }

    private long total(int port, String token) throws Exception {
        HttpResponse<String> list = http.send(
                request(port, token, "/security-center/insights?per_page=1")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(list.body());
        return body.path("result_info").path("total_count").asLong();
    }

    private static HttpRequest.Builder request(int port, String token, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4/accounts/" + ACCOUNT + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }
}
