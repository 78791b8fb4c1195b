package io.vigil.http;

import static io.vigil.testing.Insights.ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT;
import static io.vigil.testing.Insights.OTHER_ACCOUNT_ZONE;
import static io.vigil.testing.Insights.SIBLING_ZONE;
import static io.vigil.testing.Insights.ZONE;
import static io.vigil.testing.ReplyAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.auth.Permission;
import io.vigil.tenant.Scope;
import io.vigil.testing.Insights;
import io.vigil.testing.Reply;
import io.vigil.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /accounts} and {@code GET /zones}: what each credential reaches, and nothing more. */
class DirectoryApiTest {
    /** An account named in a token that no import has reached: unknown to Vigil, so never listed. */
    static final String UNKNOWN_ACCOUNT = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee9";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @BeforeAll
    static void seed() {
        server.seed(
                Insights.inAccount("d-1", ACCOUNT),
                Insights.inZone("d-2", ACCOUNT, ZONE),
                Insights.inZone("d-3", ACCOUNT, SIBLING_ZONE),
                Insights.inZone("d-4", OTHER_ACCOUNT, OTHER_ACCOUNT_ZONE));
    }

    static Reply get(String path, String token) {
        return server.send("GET", path, null, "Authorization", "Bearer " + token);
    }

    static List<String> ids(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.json().path("result").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void accounts_editToken_listsItsKnownAccountsWithEditPermission() {
        String token = server.token(Permission.EDIT, Set.of(ACCOUNT, UNKNOWN_ACCOUNT), Set.of());

        Reply reply = get("/accounts", token);

        assertThat(ids(reply)).containsExactly(ACCOUNT);
        JsonNode account = reply.json().path("result").get(0);
        assertThat(account.path("name").asText()).isEqualTo(ACCOUNT);
        assertThat(account.path("type").asText()).isEqualTo("standard");
        assertThat(account.path("permissions").toString())
                .isEqualTo("[\"#security_center:read\",\"#security_center:edit\"]");
        assertThat(reply.json().path("result_info").toString())
                .isEqualTo("{\"page\":1,\"per_page\":20,\"count\":1,\"total_count\":1,\"total_pages\":1}");
        assertThat(reply.json().path("success").asBoolean()).isTrue();
    }

    @Test
    void accounts_readToken_hasReadPermissionOnly() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());

        JsonNode account = get("/accounts", token).json().path("result").get(0);

        assertThat(account.path("permissions").toString()).isEqualTo("[\"#security_center:read\"]");
    }

    @Test
    void accounts_zoneToken_listsNoAccount() {
        String token = server.token(Permission.READ, Set.of(), Set.of(ZONE));

        assertThat(ids(get("/accounts", token))).isEmpty();
    }

    @Test
    void zones_accountToken_listsTheAccountsZonesWithTheirAccount() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());

        Reply reply = get("/zones", token);

        assertThat(ids(reply)).containsExactly(ZONE, SIBLING_ZONE);
        JsonNode zone = reply.json().path("result").get(0);
        assertThat(zone.path("account").toString())
                .isEqualTo("{\"id\":\"" + ACCOUNT + "\",\"name\":\"" + ACCOUNT + "\"}");
        assertThat(zone.path("status").asText()).isEqualTo("active");
    }

    @Test
    void zones_zoneToken_listsOnlyThatZone() {
        String token = server.token(Permission.READ, Set.of(), Set.of(SIBLING_ZONE));

        assertThat(ids(get("/zones", token))).containsExactly(SIBLING_ZONE);
    }

    @Test
    void zones_accountFilter_narrowsToThatAccount() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of(OTHER_ACCOUNT_ZONE));

        assertThat(ids(get("/zones", token))).containsExactly(ZONE, SIBLING_ZONE, OTHER_ACCOUNT_ZONE);
        assertThat(ids(get("/zones?account.id=" + OTHER_ACCOUNT, token))).containsExactly(OTHER_ACCOUNT_ZONE);
        assertThat(ids(get("/zones?account.id=" + ACCOUNT, token))).containsExactly(ZONE, SIBLING_ZONE);
    }

    @Test
    void zones_accountFilterOutOfReach_isEmpty() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());

        assertThat(ids(get("/zones?account.id=" + OTHER_ACCOUNT, token))).isEmpty();
    }

    @Test
    void zones_pages() {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of(OTHER_ACCOUNT_ZONE));

        Reply second = get("/zones?per_page=2&page=2", token);

        assertThat(ids(second)).containsExactly(OTHER_ACCOUNT_ZONE);
        assertThat(second.json().path("result_info").toString())
                .isEqualTo("{\"page\":2,\"per_page\":2,\"count\":1,\"total_count\":3,\"total_pages\":2}");
        assertThat(ids(get("/zones?per_page=2&page=3", token))).isEmpty();
    }

    @Test
    void user_seesEveryAccountTheyBelongTo() {
        String key = server.user("dir@example.com", Set.of(ACCOUNT, OTHER_ACCOUNT));

        Reply reply = server.send("GET", "/accounts", null, "X-Auth-Email", "dir@example.com", "X-Auth-Key", key);

        assertThat(ids(reply)).containsExactlyInAnyOrder(ACCOUNT, OTHER_ACCOUNT);
    }

    @Test
    void names_whenGiven_replaceTheIdsAndOrderTheList() {
        String named = "ffffffffffffffffffffffffffffff01";
        String firstZone = "ffffffffffffffffffffffffffffffa1";
        String secondZone = "ffffffffffffffffffffffffffffffa2";
        server.seed(Insights.inZone("d-5", named, firstZone), Insights.inZone("d-6", named, secondZone));
        server.name(new Scope.Account(named), "Named Ltd");
        server.name(new Scope.Zone(secondZone), "a-first.example");
        String token = server.token(Permission.READ, Set.of(named), Set.of());

        Reply reply = get("/zones", token);

        assertThat(ids(reply)).containsExactly(secondZone, firstZone);
        JsonNode zones = reply.json().path("result");
        assertThat(zones.get(0).path("name").asText()).isEqualTo("a-first.example");
        assertThat(zones.get(1).path("name").asText()).isEqualTo(firstZone);
        assertThat(zones.get(1).path("account").toString())
                .isEqualTo("{\"id\":\"" + named + "\",\"name\":\"Named Ltd\"}");
        assertThat(get("/accounts", token)
                        .json()
                        .path("result")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("Named Ltd");
    }

    @Test
    void noCredentials_is401() {
        assertThat(server.send("GET", "/zones", null))
                .failsWith(401, 9106, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
    }

    @Test
    void unknownToken_is401() {
        assertThat(get("/accounts", "x".repeat(40))).failsWith(401, 9109, "Invalid access token");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/accounts?per_page=51 | per_page must be an integer from 1 to 50; got '51'",
                "/zones?page=0 | page must be an integer from 1 to 1000000; got '0'",
                "/zones?account.id=acme | account.id must be 32 lowercase hex characters; got 'acme'",
                "/accounts?account.id=" + ACCOUNT
                        + " | unknown query parameter 'account.id'; this endpoint takes page, per_page",
            })
    void badQuery_is400(String path, String message) {
        String token = server.token(Permission.READ, Set.of(ACCOUNT), Set.of());

        assertThat(get(path, token)).failsWith(400, 1010, message);
    }

    @Test
    void post_isNotAllowed() {
        String token = server.token(Permission.EDIT, Set.of(ACCOUNT), Set.of());

        assertThat(server.send("POST", "/accounts", "{}", "Authorization", "Bearer " + token))
                .failsWith(405, 7001, "Method POST not allowed; this route takes GET");
    }
}
