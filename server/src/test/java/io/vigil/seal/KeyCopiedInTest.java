package io.vigil.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.Main;
import io.vigil.cli.ServerOptions;
import io.vigil.store.Database;
import io.vigil.testing.Seeds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose database is sealed under a key it has no file of makes no key of its own and seals nothing; once
 * the key file is copied in, it seals what waited, without a restart.
 */
class KeyCopiedInTest {
    @TempDir
    Path dataDir;

    @TempDir
    Path aside;

    private final HttpClient http = HttpClient.newHttpClient();
    private String token = "";

    @Test
    void aKeyFileCopiedInWhileRunning_isUsed_andNoOtherKeyIsMade() throws Exception {
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "c", 3);
        }
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (Main.Server server = Main.start(null, dataDir, options)) {
            classify(server, "c0");
        } // seals at stop: the database records the key
        Files.move(dataDir.resolve(SealFiles.KEY_FILE), aside.resolve(SealFiles.KEY_FILE));

        try (Main.Server server = Main.start(null, dataDir, options)) {
            classify(server, "c1");
            Thread.sleep(1_500); // more than a sealing round
            assertThat(dataDir.resolve(SealFiles.KEY_FILE)).as("no second key").doesNotExist();
            assertThat(unsealed()).isEqualTo(1);

            Files.copy(aside.resolve(SealFiles.KEY_FILE), dataDir.resolve(SealFiles.KEY_FILE));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (unsealed() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(unsealed()).as("sealed once the key is there").isZero();
        }
    }

    @Test
    void withAKeyDirectory_theKeysLiveThere_andTheHeadStaysInTheDataDirectory() throws Exception {
        try (Database database = Database.open(dataDir)) {
            token = Seeds.insightsAndEditToken(database, "d", 2);
        }
        Path keys = aside.resolve("keys");
        ServerOptions options = ServerOptions.plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (Main.Server server = Main.start(null, dataDir, keys, options)) {
            classify(server, "d0");
        }
        assertThat(keys.resolve(SealFiles.KEY_FILE)).exists();
        assertThat(dataDir.resolve(SealFiles.KEY_FILE)).doesNotExist();
        assertThat(dataDir.resolve(SealFiles.HEAD_FILE))
                .as("each node's own head")
                .exists();
        try (var backend = Main.ASSEMBLY.open(null, dataDir, keys)) {
            assertThat(backend.sealFiles().localKey()).isPresent();
            assertThat(Verifier.verify(
                                    backend.seals(),
                                    backend.sealFiles().localKey().orElseThrow(),
                                    java.util.List.of())
                            .clean())
                    .isTrue();
        }
    }

    private void classify(Main.Server server, String id) throws Exception {
        HttpResponse<String> answer = http.send(
                Seeds.classify(
                        server.port(), id, "{\"classification\":\"false_positive\"}", token, Duration.ofSeconds(10)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private long unsealed() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE position >"
                        + " (SELECT COALESCE(MAX(last_position), 0) FROM audit_seals)")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
