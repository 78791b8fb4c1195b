package io.vigil.cli;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.ZONE;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.auth.Secrets;
import io.vigil.insight.Count;
import io.vigil.insight.CountField;
import io.vigil.insight.InsightFilter;
import io.vigil.seal.SealFiles;
import io.vigil.seal.SigningKey;
import io.vigil.store.Database;
import io.vigil.store.JdbcInsightStore;
import io.vigil.tenant.Scope;
import io.vigil.testing.Stores;
import io.vigil.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subcommands, run in-process exactly as {@code ./vigil} runs them, against a running server. */
class CliTest {
    @TempDir
    Path dataDir;

    private CliRun vigil(String... args) {
        return CliRun.in(dataDir, args);
    }

    @Test
    void tokenCreate_whileTheServerRuns_printsOnlyTheSecretWhichWorksAtOnce() {
        try (TestServer server = TestServer.start(dataDir)) {
            CliRun run = vigil("token", "create", "--name", "ci", "--permission", "edit", "--account", ACCOUNT);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).matches("[A-Za-z0-9_-]{40}\\R");
            String token = run.out().strip();
            assertThat(server.send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + token)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void tokenList_showsEveryTokenButNeverItsSecret_andRevokeStopsItWithinASecond() throws Exception {
        try (TestServer server = TestServer.start(dataDir)) {
            String keep = vigil("token", "create", "--name", "keep", "--permission", "read", "--account", ACCOUNT)
                    .out()
                    .strip();
            String drop = vigil("token", "create", "--name", "drop", "--permission", "edit", "--zone", ZONE)
                    .out()
                    .strip();
            CliRun list = vigil("token", "list");
            assertThat(list.exitCode()).isZero();
            assertThat(list.out())
                    .contains("keep", "drop", "account:" + ACCOUNT, "zone:" + ZONE, "never", "active")
                    .doesNotContain(keep, drop, Secrets.hash(keep), Secrets.hash(drop));
            String dropId = list.out()
                    .lines()
                    .filter(line -> line.contains(" drop "))
                    .findFirst()
                    .orElseThrow()
                    .substring(0, 32);
            assertThat(server.send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + drop)
                            .status())
                    .isEqualTo(200);

            CliRun revoke = vigil("token", "revoke", dropId);
            assertThat(revoke.exitCode()).isZero();
            assertThat(revoke.out()).isEqualTo("revoked " + dropId + System.lineSeparator());
            Thread.sleep(1_100); // a server trusts a token it has seen for at most a second
            assertThat(server.send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + drop))
                    .failsWith(401, 9109, "Invalid access token");
            assertThat(server.send("GET", "/user/tokens/verify", null, "Authorization", "Bearer " + keep)
                            .status())
                    .isEqualTo(200);
            assertThat(vigil("token", "list").out()).doesNotContain(dropId);
        }
    }

    @Test
    void tokenRevoke_unknownId_failsAndSaysSo() {
        CliRun run = vigil("token", "revoke", "0123456789abcdef0123456789abcdef");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no token with id '0123456789abcdef0123456789abcdef'");
    }

    @Test
    void tokenCreate_withExpiry_isListedWithIt_andRefusedOnceItPasses() {
        CliRun run = vigil(
                "token",
                "create",
                "--name",
                "temp",
                "--permission",
                "read",
                "--account",
                ACCOUNT,
                "--expires",
                "2099-01-01T00:00:00Z");
        assertThat(run.exitCode()).isZero();
        assertThat(vigil("token", "list").out()).contains("2099-01-01T00:00:00Z");
        CliRun relative = vigil(
                "token", "create", "--name", "soon", "--permission", "read", "--account", ACCOUNT, "--expires", "90d");
        assertThat(relative.exitCode()).isZero();
        CliRun past = vigil(
                "token",
                "create",
                "--name",
                "past",
                "--permission",
                "read",
                "--account",
                ACCOUNT,
                "--expires",
                "2001-01-01T00:00:00Z");
        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.err()).contains("--expires must be in the future");
        CliRun garbage = vigil(
                "token",
                "create",
                "--name",
                "bad",
                "--permission",
                "read",
                "--account",
                ACCOUNT,
                "--expires",
                "tomorrow");
        assertThat(garbage.exitCode()).isEqualTo(2);
        assertThat(garbage.err()).contains("expected an instant such as 2027-01-31T00:00:00Z");
    }

    @Test
    void tokenCreate_malformedAccountId_failsWithAUsageError() {
        CliRun run = vigil("token", "create", "--name", "x", "--permission", "edit", "--account", "ACME");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--account 'ACME' is not a Cloudflare id (32 lowercase hex)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void tokenCreate_unknownPermission_failsWithAUsageError() {
        CliRun run = vigil("token", "create", "--name", "x", "--permission", "admin", "--account", ACCOUNT);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected read or edit, got 'admin'");
    }

    @Test
    void userCreate_printsOnlyAGlobalKeyThatAuthenticates() {
        CliRun run = vigil("user", "create", "--email", "Alice@Example.com", "--account", ACCOUNT);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).matches("[0-9a-f]{37}\\R");
        try (TestServer server = TestServer.start(dataDir)) {
            server.seed(io.vigil.testing.Insights.inAccount("u1", ACCOUNT));
            assertThat(server.send(
                            "PATCH",
                            "/accounts/" + ACCOUNT + "/security-center/insights/u1/classification",
                            "{\"classification\":\"false_positive\"}",
                            "Content-Type",
                            "application/json",
                            "X-Auth-Email",
                            "alice@example.com",
                            "X-Auth-Key",
                            run.out().strip()))
                    .succeedsWithSeedEnvelope();
            assertThat(server.auditTrail("u1").get(0).changedBy()).isEqualTo("alice@example.com");
        }
    }

    @Test
    void userCreate_sameEmailTwice_fails() {
        assertThat(vigil("user", "create", "--email", "bob@example.com", "--account", ACCOUNT)
                        .exitCode())
                .isZero();
        CliRun again = vigil("user", "create", "--email", "bob@example.com", "--account", ACCOUNT);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("a user with email bob@example.com already exists");
    }

    @Test
    void insightsImport_badLines_areReportedByNumberAndTheRestIsImported() throws IOException {
        Path file = dataDir.resolve("insights.jsonl");
        String good = "{\"id\":\"%s\",\"account_id\":\"" + ACCOUNT + "\",\"issue_class\":\"dnssec_disabled\","
                + "\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"example.com\"}";
        Files.writeString(
                file,
                String.join(
                        "\n",
                        good.formatted("i1"),
                        "{\"id\":\"i2\",\"account_id\":\"" + ACCOUNT + "\"}",
                        "",
                        good.formatted("i3").replace("\"Low\"", "\"Severe\""),
                        "not json",
                        good.formatted("i5").replace("}", ",\"zone_id\":\"" + "c".repeat(32) + "\"}"),
                        good.formatted("i6").replace("}", ",\"colour\":\"red\"}")));
        CliRun run = vigil("insights", "import", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("imported 2 insights, rejected 4 lines\n");
        assertThat(run.err())
                .contains("line 2: issue_class is required")
                .contains("line 4: severity 'Severe' is not a known value")
                .contains("line 5: not valid JSON")
                .contains("line 7: unknown field 'colour'");
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            assertThat(store.find(new Scope.Account(ACCOUNT), "i1")).isPresent();
            assertThat(store.find(new Scope.Zone("c".repeat(32)), "i5")).isPresent();
            assertThat(store.find(new Scope.Account(ACCOUNT), "i3")).isEmpty();
        }
    }

    /**
     * Issue 21: a line whose bytes were not UTF-8 stopped the whole import ("reading stopped after line 2"), and
     * from stdin became U+FFFD; an escaped lone surrogate was stored as '?'. Each such line is now rejected alone,
     * with its number and what is wrong, and every other line is stored exactly as it was sent.
     */
    @Test
    void insightsImport_linesThatAreNotWellFormedUnicode_areRejectedByNumber_issue21() throws IOException {
        Path file = dataDir.resolve("unicode.jsonl");
        String good = "{\"id\":\"%s\",\"account_id\":\"" + ACCOUNT + "\",\"issue_class\":\"dnssec_disabled\","
                + "\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"%s\"%s}";
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
        for (String line : new String[] {
            good.formatted("u1", "caf\u00e9.example \uD83D\uDE00", ""),
            good.formatted("u2", "a\\ud800b", ""),
            good.formatted("u3", "RAW", ""),
            good.formatted("u4", "x", ",\"payload\":{\"note\":[\"\\uffff\"]}"),
            good.formatted("u5", "x", "") + " {}",
            good.formatted("u6", "\\u00e9\\ud83d\\ude00", "") + "\r"
        }) {
            byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int raw = line.indexOf("RAW");
            if (raw >= 0) {
                lines.write(bytes, 0, raw);
                lines.writeBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
                lines.write(bytes, raw + 3, bytes.length - raw - 3);
            } else {
                lines.writeBytes(bytes);
            }
            lines.write('\n');
        }
        Files.write(file, lines.toByteArray());
        CliRun run = vigil("insights", "import", file.toString());
        assertThat(run.out()).isEqualTo("imported 2 insights, rejected 4 lines\n");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines())
                .containsExactly(
                        "line 2: subject is not well-formed Unicode: a lone surrogate \\ud800 at character 2",
                        "line 3: subject is not well-formed Unicode: invalid UTF-8 at byte 158 of the line"
                                + " (0xED 0xA0 0x80: an encoded surrogate)",
                        "line 4: /payload/note/0 is not well-formed Unicode: the noncharacter U+FFFF at character 1",
                        "line 5: content after the JSON object");
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            Scope account = new Scope.Account(ACCOUNT);
            assertThat(store.list(account, InsightFilter.DEFAULT, 1, 25).issues())
                    .extracting(io.vigil.insight.Insight::id, io.vigil.insight.Insight::subject)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("u1", "caf\u00e9.example \uD83D\uDE00"),
                            org.assertj.core.groups.Tuple.tuple("u6", "\u00e9\uD83D\uDE00"));
            assertThat(store.find(account, "u2")).isEmpty();
            assertThat(store.find(account, "u3")).isEmpty();
        }
    }

    @Test
    void insightsImport_bulkAlways_importsAndListsAndCountsAgree() throws IOException {
        Path file = dataDir.resolve("insights.jsonl");
        StringBuilder lines = new StringBuilder();
        String[] severities = {"Low", "Moderate", "Critical"};
        for (int i = 0; i < 60; i++) {
            lines.append("{\"id\":\"b")
                    .append(i)
                    .append("\",\"account_id\":\"")
                    .append(ACCOUNT)
                    .append("\",\"issue_class\":\"dnssec_disabled\",\"issue_type\":\"insecure_configuration\",")
                    .append("\"severity\":\"")
                    .append(severities[i % 3])
                    .append("\",\"subject\":\"example.com\"}\n");
        }
        Files.writeString(file, lines);
        CliRun run = vigil("insights", "import", file.toString(), "--bulk", "always");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("imported 60 insights, rejected 0 lines\n");
        try (Database database = Database.open(dataDir);
                JdbcInsightStore store = Stores.insights(database)) {
            Scope account = new Scope.Account(ACCOUNT);
            assertThat(store.list(account, InsightFilter.DEFAULT, 3, 25).issues())
                    .hasSize(10);
            assertThat(store.list(account, InsightFilter.DEFAULT, 1, 25).totalCount())
                    .isEqualTo(60);
            assertThat(store.count(account, InsightFilter.DEFAULT, CountField.SEVERITY))
                    .extracting(Count::count)
                    .containsExactly(20L, 20L, 20L);
        }
    }

    @Test
    void insightsImport_unknownBulkValue_failsWithAUsageError() {
        CliRun run = vigil("insights", "import", "-", "--bulk", "sometimes");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected auto, always or never, got 'sometimes'");
    }

    @Test
    void serve_refusesAMalformedExpiryPolicy_beforeStarting() {
        for (String rule : new String[] {"accept_risk", "accept_risks=90d", "accept_risk=0", "accept_risk=soon"}) {
            CliRun run = vigil("serve", "--port", "0", "--require-expiry", rule);
            assertThat(run.exitCode()).as(rule).isEqualTo(2);
            assertThat(run.err()).as(rule).contains("--require-expiry takes CLASSIFICATION=DURATION");
        }
        CliRun zero = vigil("serve", "--port", "0", "--max-expiry", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-expiry must be positive");
    }

    @Test
    void migrate_reportsTheSchemaVersion() {
        CliRun run = vigil("migrate");
        assertThat(run.exitCode()).isZero();
        long scripts; // the highest V<n> (a number may be skipped)
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/io/vigil/store/migrations/sqlite"))) {
            scripts = files.map(file -> file.getFileName().toString())
                    .mapToLong(name -> Long.parseLong(name.substring(1, name.indexOf("__"))))
                    .max()
                    .orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(run.out()).startsWith("schema at version " + scripts + " in "); // the newest script
    }

    @Test
    void auditCheckpoint_onAnEmptyLog_failsAndSaysSo() {
        CliRun run = vigil("audit", "checkpoint");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("vigil: the change log has no sealed entry yet\n");
    }

    /** What the README shows: keep a checkpoint, verify against it later; the key verifies with OpenSSL too. */
    @Test
    void auditCheckpointThenVerify_isIntact_andATamperedEntryIsNamed() throws Exception {
        importAnInsightThenItsResolution();

        CliRun checkpoint = vigil("audit", "checkpoint");
        assertThat(checkpoint.exitCode()).as(checkpoint.err()).isZero();
        assertThat(checkpoint.out()).startsWith("vigil change log checkpoint\nseal 1\nsize 1\n");
        Path kept = dataDir.resolve("kept.checkpoint");
        Files.writeString(kept, checkpoint.out());
        CliRun key = vigil("audit", "key");
        assertThat(key.out()).contains("-----BEGIN PUBLIC KEY-----");

        CliRun verify = vigil("audit", "verify", "--checkpoint", kept.toString());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).endsWith("intact\n");

        try (var connection =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                var s = connection.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET changed_by = 'someone' WHERE position = 1");
        }
        CliRun broken = vigil("audit", "verify", "--checkpoint", kept.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at position 1: entry ").contains("is not the entry sealed there");
    }

    /** One insight imported, then imported again as resolved: one change-log entry (its status). */
    private void importAnInsightThenItsResolution() throws IOException {
        Path file = dataDir.resolve("insights.jsonl");
        String line = "{\"id\":\"i1\",\"account_id\":\"" + ACCOUNT + "\",\"issue_class\":\"dnssec_disabled\","
                + "\"issue_type\":\"insecure_configuration\",\"severity\":\"Low\",\"subject\":\"example.com\"}";
        Files.writeString(file, line);
        assertThat(vigil("insights", "import", file.toString()).exitCode()).isZero();
        Files.writeString(file, line.replace("}", ",\"status\":\"resolved\"}"));
        assertThat(vigil("insights", "import", file.toString()).exitCode()).isZero();
    }

    /** Exit 2 for a file verify cannot use; a key pinned at first use; a key replaced in the database is named. */
    @Test
    void auditVerify_badInputExits2_pinsAKeyAtFirstUse_andNamesAReplacedKey() throws Exception {
        importAnInsightThenItsResolution();
        assertThat(vigil("audit", "checkpoint").exitCode()).isZero();

        Path malformed = dataDir.resolve("malformed.checkpoint");
        Files.writeString(malformed, "vigil change log checkpoint\nseal one\n");
        CliRun bad = vigil("audit", "verify", "--checkpoint", malformed.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("vigil: " + malformed + " is not a checkpoint: ");
        assertThat(bad.out()).doesNotContain("BROKEN");
        CliRun missing = vigil(
                "audit", "verify", "--public-key", dataDir.resolve("nope.pem").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the public key");

        // A data directory without the signing key (another node's, say): the database's key is pinned, once.
        Files.move(dataDir.resolve(SealFiles.KEY_FILE), dataDir.resolve("elsewhere.pem"));
        CliRun first = vigil("audit", "verify");
        assertThat(first.exitCode()).as(first.out()).isZero();
        assertThat(first.out()).contains("pinning it in audit-key.pub").endsWith("intact\n");
        CliRun second = vigil("audit", "verify");
        assertThat(second.out())
                .contains("(pinned in audit-key.pub at first use)")
                .doesNotContain("warning");

        try (var connection =
                        java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.FILE_NAME));
                var s = connection.prepareStatement("UPDATE settings SET value = ? WHERE name = 'audit_public_key'")) {
            s.setString(1, SigningKey.generate().verifyingKey().pem());
            s.executeUpdate();
        }
        CliRun replaced = vigil("audit", "verify");
        assertThat(replaced.exitCode()).isEqualTo(1);
        assertThat(replaced.out())
                .contains("BROKEN: the database records signing key ")
                .contains("the key recorded in the database was replaced");
    }
}
