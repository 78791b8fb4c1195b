package io.vigil.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the real Vigil server in-process for the annotated test class: on a free loopback port, over a temporary
 * embedded database of its own, started before the class's {@code @BeforeAll} methods and stopped after its {@code
 * @AfterAll} ones (nested classes share it). Methods and lifecycle methods take it as a {@link Vigil} parameter:
 *
 * <pre>{@code
 * @VigilTest
 * class TriageTest {
 *     @BeforeEach
 *     void seed(Vigil vigil) {
 *         vigil.seed().insight("open-port", i -> i.severity(Severity.CRITICAL)).apply();
 *     }
 *
 *     @AfterEach
 *     void reset(Vigil vigil) {
 *         vigil.reset();
 *     }
 *
 *     @Test
 *     void classify(Vigil vigil) {
 *         // PATCH vigil.baseUrl() + "/accounts/" + vigil.accountId() + "/security-center/insights/open-port/..."
 *         // with "Authorization: Bearer " + vigil.editToken(), then:
 *         assertThat(vigil.changes().last().newValue()).isEqualTo("false_positive");
 *     }
 * }
 * }</pre>
 *
 * Faults set with {@link Vigil#faults()} last until the end of the test (or lifecycle method's test) that set them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(VigilExtension.class)
public @interface VigilTest {
    /** The account the tokens are scoped to and seeds go to unless they name another: 32 lowercase hex digits. */
    String accountId() default Vigil.DEFAULT_ACCOUNT;

    /** Each token's budget of requests per {@link #rateLimitWindowSeconds()}; 0 (the default) for no limit. */
    int rateLimit() default 0;

    /** The rate limit's window, in seconds. */
    int rateLimitWindowSeconds() default 300;

    /** Whether the extension calls {@link Vigil#reset()} after each test itself. */
    boolean resetAfterEach() default false;
}
