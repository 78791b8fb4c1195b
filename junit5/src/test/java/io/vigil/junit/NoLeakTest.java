package io.vigil.junit;

import static io.vigil.junit.Http.LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A fault injected for a route never leaks into another test class: two classes run in order in this JVM, the first
 * faulting every route it can, the second seeing none of it, on a server of its own.
 */
class NoLeakTest {
    /** The ports the classes' servers listened on, in the order they ran. */
    private static final List<Integer> PORTS = new ArrayList<>();

    @Test
    void aFaultOfOneClass_isNotSeenByTheNextClass() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FaultingClass.class), selectClass(CleanClass.class))
                .execute()
                .testEvents();

        tests.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        assertThat(PORTS).hasSize(2).doesNotHaveDuplicates();
    }

    /** Faults its list route for good, and never clears it. */
    @VigilTest
    static class FaultingClass {
        @BeforeAll
        static void fault(Vigil vigil) {
            PORTS.add(vigil.baseUrl().getPort());
            vigil.faults().on("GET", LIST).serverError(503, Integer.MAX_VALUE);
        }

        @Test
        void listIsFaulted(Vigil vigil) throws IOException {
            assertThat(Http.list(vigil).statusCode()).isEqualTo(503);
        }
    }

    /** Runs after {@link FaultingClass}, with the same account. */
    @VigilTest
    static class CleanClass {
        @Test
        void listIsAnswered(Vigil vigil) throws IOException {
            PORTS.add(vigil.baseUrl().getPort());
            assertThat(Http.list(vigil).statusCode()).isEqualTo(200);
        }
    }
}
