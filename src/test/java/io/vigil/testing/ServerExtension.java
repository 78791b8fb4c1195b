package io.vigil.testing;

import io.vigil.auth.RateLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} per test class, on the database the suite runs on, in a data directory of its own:
 * started before the class's {@code @BeforeAll} methods (which seed it), closed and deleted after the class.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ServerExtension SERVER = new ServerExtension();
 *
 * &#64;BeforeAll
 * static void seed() {
 *     SERVER.server().seed(...);
 * }
 * </pre>
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final RateLimit rateLimit;
    private @Nullable Path dataDir;
    private @Nullable TestServer server;

    public ServerExtension() {
        this(RateLimit.OFF);
    }

    /** A server that limits each credential to {@code rateLimit}. */
    public ServerExtension(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
    }

    /** The running server; only between the class's start and end. */
    public TestServer server() {
        return Objects.requireNonNull(server, "the server runs only while the test class does");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("vigil-test-");
        server = TestServer.start(dataDir, rateLimit);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (dataDir != null) {
                delete(dataDir);
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
