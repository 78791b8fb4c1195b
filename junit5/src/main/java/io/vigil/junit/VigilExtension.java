package io.vigil.junit;

import io.vigil.auth.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link VigilTest} registers: starts a {@link Vigil} before a class's {@code @BeforeAll} methods (a nested class
 * uses its enclosing class's), hands it to methods that take one, clears its faults (or resets it) after each test,
 * and stops it after the class. Stateless: the server lives in the class's extension store.
 */
final class VigilExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VigilExtension.class);
    private static final String SERVER = "server";

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(SERVER, Vigil.class) != null) { // an enclosing class's: a store sees its parents'
            return;
        }
        VigilTest options = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), VigilTest.class)
                .orElseThrow(() -> new IllegalStateException("@VigilTest is missing on " + context.getDisplayName()));
        RateLimit limit = options.rateLimit() == 0
                ? RateLimit.OFF
                : new RateLimit(options.rateLimit(), Duration.ofSeconds(options.rateLimitWindowSeconds()));
        store.put(SERVER, Vigil.start(options.accountId(), limit, options.resetAfterEach()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running(context).afterEach();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Vigil vigil = context.getStore(NAMESPACE).remove(SERVER, Vigil.class); // this class's own, not a parent's
        if (vigil != null) {
            vigil.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Vigil.class;
    }

    @Override
    public Vigil resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Vigil vigil = context.getStore(NAMESPACE).get(SERVER, Vigil.class);
        if (vigil == null) {
            throw new ParameterResolutionException("no Vigil server runs for " + context.getDisplayName()
                    + ": annotate the test class with @VigilTest");
        }
        return vigil;
    }

    private static Vigil running(ExtensionContext context) {
        Vigil vigil = context.getStore(NAMESPACE).get(SERVER, Vigil.class);
        if (vigil == null) {
            throw new IllegalStateException("no Vigil server runs for " + context.getDisplayName());
        }
        return vigil;
    }
}
