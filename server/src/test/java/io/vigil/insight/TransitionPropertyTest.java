package io.vigil.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.error.ApiException;
import io.vigil.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/** Any sequence of requests respects the transition rules, and replaying the changes gives the state. */
class TransitionPropertyTest {

    record Attempt(
            @Nullable Classification requested, @Nullable String rationale) {}

    @Property(tries = 500)
    void anySequenceOfRequests_neverChangesOneValueDirectlyIntoAnother(@ForAll("attempts") List<Attempt> attempts) {
        Classification state = null;
        List<Transition.Change> log = new ArrayList<>();
        for (Attempt attempt : attempts) {
            ClassificationRequest request;
            try {
                request = new ClassificationRequest(attempt.requested(), attempt.rationale());
            } catch (ApiException e) {
                assertThat(e.code()).isIn(ErrorCode.RATIONALE_REQUIRED);
                assertThat(attempt.requested()).isNotNull();
                assertThat(Objects.requireNonNull(attempt.requested()).requiresRationale())
                        .isTrue();
                continue;
            }
            try {
                Transition transition = Transition.decide(state, request);
                switch (transition) {
                    case Transition.Unchanged u -> assertThat(state).isEqualTo(attempt.requested());
                    case Transition.Change change -> {
                        assertThat(change.from()).isEqualTo(state);
                        assertThat(change.from() == null || change.to() == null).isTrue();
                        log.add(change);
                        state = change.to();
                    }
                }
            } catch (ApiException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.CLASSIFICATION_CHANGE_REFUSED);
                assertThat(state).isNotNull();
                assertThat(attempt.requested()).isNotNull().isNotEqualTo(state);
            }
        }
        Classification replayed = null;
        for (Transition.Change change : log) {
            assertThat(change.from()).isEqualTo(replayed);
            replayed = change.to();
        }
        assertThat(Objects.equals(replayed, state)).isTrue();
    }

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        Arbitrary<@Nullable Classification> requested =
                Arbitraries.of(Classification.class).injectNull(0.35);
        Arbitrary<@Nullable String> rationale =
                Arbitraries.of("", "  ", "because").injectNull(0.25);
        return Combinators.combine(requested, rationale).as(Attempt::new).list().ofMaxSize(30);
    }
}
