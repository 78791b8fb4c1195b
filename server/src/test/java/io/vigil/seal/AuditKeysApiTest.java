package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import io.vigil.store.Database;
import io.vigil.testing.Seeds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /vigil/audit/keys} after a rotation, checked as a client would with the JDK's own Ed25519 and nothing
 * of Vigil's: the first key signed the hand-over, the new key signed it too, and the key the checkpoint route now
 * names is the one handed over to.
 */
class AuditKeysApiTest {
    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aClientHoldingTheFirstKey_checksTheHandOverItself() throws Exception {
        String token;
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "k", 2);
        }
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (Main.Server server = Main.start(null, dataDir, options)) {
            assertThat(http.send(
                                    Seeds.classify(
                                            server.port(),
                                            "k0",
                                            "{\"classification\":\"other\",\"rationale\":\"r\"}",
                                            token,
                                            Duration.ofSeconds(10)),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            awaitSealed(server.port(), token);
            JsonNode before = get(server.port(), token, "/vigil/audit/keys");
            assertThat(before.path("changes")).isEmpty();
            String firstPem = before.path("first_key").asText();

            try (var backend = Main.ASSEMBLY.open(null, dataDir)) { // the CLI's `vigil audit key rotate`
                backend.sealFiles().rotateKey(backend.seals(), Instant.now());
            }
            JsonNode after = get(server.port(), token, "/vigil/audit/keys");
            JsonNode change = after.path("changes").get(0);
            byte[] text = change.path("text").asText().getBytes(StandardCharsets.UTF_8);
            assertThat(verifies(firstPem, text, change.path("from_signature").asText()))
                    .as("the first key signed the hand-over")
                    .isTrue();
            assertThat(verifies(
                            change.path("public_key").asText(),
                            text,
                            change.path("to_signature").asText()))
                    .as("the new key signed it too")
                    .isTrue();
            assertThat(after.path("current_key_id").asText())
                    .isEqualTo(change.path("to_key_id").asText());
            assertThat(get(server.port(), token, "/vigil/audit/checkpoint")
                            .path("public_key")
                            .asText())
                    .isEqualTo(change.path("public_key").asText());
        }
    }

    private void awaitSealed(int port, String token) throws Exception {
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4/vigil/audit/checkpoint"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing was sealed within 10 s");
    }

    private JsonNode get(int port, String token, String path) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4" + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json.readTree(answer.body()).path("result");
    }

    private static boolean verifies(String pem, byte[] text, String signature) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(text);
        return verifier.verify(Base64.getDecoder().decode(signature));
    }
}
