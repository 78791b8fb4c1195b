package io.vigil.client.scenarios;

import static io.vigil.client.scenarios.Compat.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.client.Classification;
import io.vigil.client.scenarios.Compat.Scope;
import io.vigil.client.scenarios.Compat.Session;
import io.vigil.junit.Vigil;
import io.vigil.junit.VigilTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compat/test/seed-curl.test.js, in Java: the seed document's example ({@code PATCH …/classification} with {@code
 * {"classification": "false_positive"}} and a bearer token) made with the Java client, which prints nothing but must
 * be answered with exactly the seed's envelope.
 */
@VigilTest(accountId = ACCOUNT)
class SeedCurlScenariosTest {
    static final String EXPECTED = "{\"errors\":[],\"messages\":[],\"success\":true}";
    static Compat compat;

    @BeforeAll
    static void start(Vigil vigil) {
        compat = Compat.start(vigil);
    }

    @AfterAll
    static void stop() {
        compat.close();
    }

    @Test
    void seedExample_onAnAccountLevelInsight_isAnsweredWithExactlyTheSeedEnvelope_twice(Vigil vigil) {
        Session s = compat.client(compat.edit);
        for (int run = 0; run < 2; run++) {
            s.insights(Scope.ACCOUNT_SCOPE).classify(Compat.ACCT_2FA, Classification.FALSE_POSITIVE, null);
            assertThat(s.calls().last().body()).isEqualTo("{\"classification\":\"false_positive\"}");
            assertThat(s.calls().last().header("Authorization")).isEqualTo("Bearer " + compat.edit.secret());
            assertThat(s.calls().last().responseBody()).isEqualTo(EXPECTED);
        }
        assertThat(vigil.changes().of(Compat.ACCT_2FA))
                .as("running it twice is idempotent")
                .hasSize(1);
    }

    @Test
    void seedExample_onAZoneLevelInsight_withAZoneScopedToken() {
        Session s = compat.client(compat.zoneEdit);
        s.insights(Scope.ZONE_SCOPE).classify(Compat.ZONE_HTTPS, Classification.FALSE_POSITIVE, null);
        assertThat(s.calls().last().path())
                .isEqualTo("/client/v4/zones/" + Compat.ZONE + "/security-center/insights/" + Compat.ZONE_HTTPS
                        + "/classification");
        assertThat(s.calls().last().responseBody()).isEqualTo(EXPECTED);
    }
}
