package io.vigil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.auth.Permission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Vigil#credentials()} issues working tokens and global keys, scoped as asked, that survive a reset. */
@VigilTest(resetAfterEach = true)
class CredentialsTest {
    private static final String ZONE = "20e1de00000000000000000000a0e001";
    private static final String OTHER = "b0000000000000000000000000000002";

    @BeforeEach
    void seed(Vigil vigil) {
        vigil.seed()
                .insight("in-zone", i -> i.zone(ZONE))
                .insight("account-level")
                .apply();
    }

    private static String zoneList() {
        return "/zones/" + ZONE + "/security-center/insights";
    }

    private static String accountList(Vigil vigil) {
        return "/accounts/" + vigil.accountId() + "/security-center/insights";
    }

    @Test
    void zoneToken_readsItsZone_notTheAccount(Vigil vigil) throws IOException {
        Credentials.Token token = vigil.credentials().zoneToken("zone-read", Permission.READ, ZONE);

        assertThat(Http.get(vigil, zoneList(), token.secret()).statusCode()).isEqualTo(200);
        assertThat(Http.get(vigil, accountList(vigil), token.secret()).statusCode())
                .isEqualTo(403);
        assertThat(token.changedBy()).isEqualTo("token:" + token.id());
        assertThat(token.toString()).doesNotContain(token.secret());
    }

    @Test
    void accountToken_ofAnotherAccount_isRefusedHere_andItsEditsAreNamedAfterIt(Vigil vigil) throws IOException {
        Credentials.Token theirs = vigil.credentials().accountToken("theirs", Permission.EDIT, OTHER);
        Credentials.Token editor = vigil.credentials().accountToken("editor", Permission.EDIT, vigil.accountId());

        assertThat(Http.get(vigil, accountList(vigil), theirs.secret()).statusCode())
                .isEqualTo(403);
        HttpResponse<String> patch = Http.send(
                vigil,
                "PATCH",
                accountList(vigil) + "/account-level/classification",
                editor.secret(),
                "{\"classification\":\"false_positive\"}");
        assertThat(patch.statusCode()).isEqualTo(200);
        assertThat(vigil.changes().last().actor()).isEqualTo("editor");
    }

    @Test
    void user_authenticatesWithEmailAndGlobalKey_inTheirAccountsOnly(Vigil vigil) throws Exception {
        Credentials.GlobalKey member = vigil.credentials().user("Member@Example.com", vigil.accountId());
        Credentials.GlobalKey outsider = vigil.credentials().user("outsider@example.com", OTHER);

        assertThat(member.email()).isEqualTo("member@example.com");
        assertThat(withKey(vigil, member).statusCode()).isEqualTo(200);
        assertThat(withKey(vigil, outsider).statusCode()).isEqualTo(403);
        assertThat(member.toString()).doesNotContain(member.key());
    }

    @Test
    void credentials_stayValidAcrossAReset(Vigil vigil) throws Exception {
        Credentials.Token token = vigil.credentials().accountToken("kept", Permission.READ, vigil.accountId());
        Credentials.GlobalKey user = vigil.credentials().user("kept@example.com", vigil.accountId());

        vigil.reset();

        assertThat(Http.get(vigil, accountList(vigil), token.secret()).statusCode())
                .isEqualTo(200);
        assertThat(withKey(vigil, user).statusCode()).isEqualTo(200);
    }

    @Test
    void credentials_refuseWhatIsNotAnIdOrAnEmail(Vigil vigil) {
        Credentials credentials = vigil.credentials();
        assertThatThrownBy(() -> credentials.zoneToken("none", Permission.READ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("give at least one account or zone id");
        assertThatThrownBy(() -> credentials.accountToken("bad", Permission.READ, "not-an-id"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.user("nobody", vigil.accountId()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'nobody' is not an email");
    }

    private static HttpResponse<String> withKey(Vigil vigil, Credentials.GlobalKey key) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create(vigil.baseUrl() + accountList(vigil)))
                            .header("X-Auth-Email", key.email())
                            .header("X-Auth-Key", key.key())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
