package io.vigil.client;

import static io.vigil.client.VigilServer.ACCOUNT;
import static io.vigil.client.VigilServer.OTHER_ACCOUNT;
import static io.vigil.client.VigilServer.insight;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.client.ScriptedServer.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each exception type, with the errors[] the server sent: from a real Vigil where it answers so, else scripted. */
class ErrorsTest {
    static VigilServer server;
    static InsightsClient client;

    @BeforeAll
    static void start() {
        server = VigilServer.start();
        server.seed(insight("accepted", ACCOUNT, null, Instant.parse("2026-11-20T10:00:00Z"))
                .build());
        client = server.client(server.editToken(ACCOUNT));
        client.account(ACCOUNT).insights().classify("accepted", Classification.ACCEPT_RISK, "pentest scope");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void status400_isBadRequest_withCodeMessageAndPointer() {
        assertThatThrownBy(() -> client.account(ACCOUNT).insights().classify("accepted", Classification.OTHER, null))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).hasSize(1);
                    ApiError error = e.errors().get(0);
                    assertThat(error.code()).isEqualTo(1004);
                    assertThat(error.message()).isEqualTo("rationale is required when classification is 'other'");
                    assertThat(error.pointer()).isEqualTo("/rationale");
                    assertThat(e.rayId()).isPresent();
                    assertThat(e)
                            .hasMessage(
                                    "PATCH /accounts/" + ACCOUNT + "/security-center/insights/accepted/classification:"
                                            + " HTTP 400: 1004 rationale is required when classification is 'other' (at /rationale)");
                });
    }

    @Test
    void status401_isAuthentication() {
        try (InsightsClient stranger = server.client("not-a-token-vigil-knows")) {
            assertThatThrownBy(() -> stranger.account(ACCOUNT).insights().list().firstPage())
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.code()).isEqualTo(9109);
                        assertThat(e.errors().get(0).message()).isEqualTo("Invalid access token");
                    });
        }
    }

    @Test
    void status403_isPermissionDenied() {
        assertThatThrownBy(() -> client.account(OTHER_ACCOUNT).insights().list().firstPage())
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.code()).isEqualTo(10000);
                    assertThat(e.errors().get(0).message()).isEqualTo("Authentication error");
                });
    }

    @Test
    void status404_isNotFound() {
        assertThatThrownBy(() -> client.account(ACCOUNT).insights().dismiss("no-such-insight", true))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo(1100);
                    assertThat(e.errors().get(0).message()).isEqualTo("insight 'no-such-insight' not found");
                });
    }

    @Test
    void status409_isConflict_andFinal() {
        assertThatThrownBy(() ->
                        client.account(ACCOUNT).insights().classify("accepted", Classification.FALSE_POSITIVE, null))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo(1200);
                    assertThat(e.errors().get(0).message())
                            .isEqualTo(
                                    "classification is 'accept_risk'; reset it to null before setting 'false_positive'");
                });
    }

    @Test
    void status429_ofTheScanQuota_isRateLimited_withTheWaitAsked() {
        String account = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee5";
        try (InsightsClient scanner = server.client(server.editToken(account))) {
            for (int i = 0; i < 5; i++) {
                scanner.account(account).scans().start();
            }
            assertThatThrownBy(() -> scanner.account(account).scans().start())
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.code()).isEqualTo(971);
                        assertThat(e.errors().get(0).message()).startsWith("scan quota spent: account '" + account);
                        assertThat(e.retryAfter())
                                .hasValueSatisfying(
                                        wait -> assertThat(wait).isBetween(Duration.ofHours(23), Duration.ofHours(24)));
                    });
            assertThat(scanner.account(account).scans().list().quota()).isEqualTo(new ScanQuota(5, 0));
        }
    }

    @Test
    void statusesVigilDoesNotAnswer_areTypedAsTheSdksType() {
        try (ScriptedServer scripted = new ScriptedServer(
                        ScriptedServer.error(422, 1002, "cannot process"),
                        ScriptedServer.error(500, 1500, "internal error; quote request id 8a1-VGL"),
                        new Reply(502, "<html>Bad Gateway</html>"),
                        ScriptedServer.error(405, 7001, "Method GET not allowed; this route takes PATCH"));
                InsightsClient client = scripted.client(0)) {
            AccountInsights insights = client.account(ACCOUNT).insights();

            assertThatThrownBy(() -> insights.context("i1"))
                    .isInstanceOfSatisfying(
                            UnprocessableEntityException.class,
                            e -> assertThat(e.code()).isEqualTo(1002));
            assertThatThrownBy(() -> insights.context("i1"))
                    .isInstanceOfSatisfying(
                            InternalServerException.class,
                            e -> assertThat(e.errors())
                                    .singleElement()
                                    .extracting(ApiError::message)
                                    .isEqualTo("internal error; quote request id 8a1-VGL"));
            assertThatThrownBy(() -> insights.context("i1"))
                    .isInstanceOfSatisfying(InternalServerException.class, e -> {
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.errors()).isEmpty();
                        assertThat(e).hasMessageEndingWith("HTTP 502: no error in the body");
                    });
            assertThatThrownBy(() -> insights.context("i1"))
                    .isExactlyInstanceOf(CloudflareApiException.class)
                    .isInstanceOfSatisfying(
                            CloudflareApiException.class,
                            e -> assertThat(e.status()).isEqualTo(405));
        }
    }

    @Test
    void noServer_isAConnectionException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (InsightsClient nowhere = InsightsClient.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + port + "/client/v4"))
                .apiToken("t")
                .maxRetries(0)
                .build()) {
            assertThatThrownBy(() -> nowhere.account(ACCOUNT).insights().list().firstPage())
                    .isInstanceOf(ApiConnectionException.class)
                    .isNotInstanceOf(ApiTimeoutException.class)
                    .hasMessageStartingWith("GET /accounts/" + ACCOUNT + "/security-center/insights: ");
        }
    }

    @Test
    void builder_withoutCredentials_isRefused() {
        assertThatThrownBy(() -> InsightsClient.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no credentials: call apiToken(token) or apiKey(email, globalApiKey)");
    }

    @Test
    void credentials_areNeverPrinted() {
        assertThat(new Credentials.Token("secret-token")).hasToString("Token[****]");
        assertThat(new Credentials.GlobalKey("a@example.com", "secret-key"))
                .hasToString("GlobalKey[a@example.com, ****]");
    }
}
