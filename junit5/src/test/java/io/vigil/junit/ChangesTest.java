package io.vigil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.insight.Classification;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@link Vigil#changes()} shows what the test's requests changed, and not what the seeds did. */
@VigilTest(resetAfterEach = true)
class ChangesTest {
    @Test
    void changes_showAPatchMadeOverHttp_withActorFieldValuesAndRationale(Vigil vigil) throws IOException {
        vigil.seed().insight("open-port").apply();

        Http.classify(vigil, "open-port", "{\"classification\":\"accept_risk\",\"rationale\":\"behind a VPN\"}");

        Change change = vigil.changes().last();
        assertThat(change.actor()).isEqualTo(Vigil.EDIT_TOKEN_NAME);
        assertThat(change.insightId()).isEqualTo("open-port");
        assertThat(change.accountId()).isEqualTo(vigil.accountId());
        assertThat(change.field()).isEqualTo("user_classification");
        assertThat(change.oldValue()).isNull();
        assertThat(change.newValue()).isEqualTo("accept_risk");
        assertThat(change.rationale()).isEqualTo("behind a VPN");
        assertThat(vigil.changes().by(Vigil.EDIT_TOKEN_NAME)).containsExactly(change);
    }

    @Test
    void changes_leaveOutWhatSeedsWrote(Vigil vigil) throws IOException {
        vigil.seed()
                .insight(
                        "classified",
                        i -> i.classification(Classification.OTHER, "seeded").dismissed())
                .insight("plain")
                .apply();
        assertThat(vigil.changes().all()).isEmpty();

        Http.classify(vigil, "classified", "{\"classification\":null}");

        assertThat(vigil.changes().of("classified")).singleElement().satisfies(c -> {
            assertThat(c.oldValue()).isEqualTo("other");
            assertThat(c.newValue()).isNull();
        });
        assertThat(vigil.changes().of("plain")).isEmpty();
    }

    @Test
    void last_ofAnEmptyLog_saysSo(Vigil vigil) {
        assertThatThrownBy(() -> vigil.changes().last())
                .isInstanceOf(NoSuchElementException.class)
                .hasMessageStartingWith("the change log is empty");
    }
}
