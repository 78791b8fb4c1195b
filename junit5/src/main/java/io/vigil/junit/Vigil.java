package io.vigil.junit;

import io.vigil.TestMode;
import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.RateLimit;
import io.vigil.auth.Secrets;
import io.vigil.cli.Backend;
import io.vigil.http.ApiServer;
import io.vigil.store.JdbcAuditLog;
import io.vigil.tenant.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Vigil server a {@link VigilTest} class runs, as its tests see it: where it listens, the tokens to call it with,
 * and what a test may do to it — {@link #seed()} fixtures, {@link #faults()} on a route, read the {@link #changes()}
 * its code made, and {@link #reset()} it to the state right after its start. Thread-safe.
 */
public final class Vigil {
    /** The account of a {@link VigilTest} that names none. */
    public static final String DEFAULT_ACCOUNT = "a0000000000000000000000000000001";

    /** The name of the edit token: what {@link Change#actor()} says for a change made with it. */
    public static final String EDIT_TOKEN_NAME = "edit";

    /** The name of the read token. */
    public static final String READ_TOKEN_NAME = "read";

    private final Path dataDir;
    private final TestMode server;
    private final String accountId;
    private final String editToken;
    private final String readToken;
    private final boolean resetAfterEach;
    private final JdbcAuditLog changeLog;
    private final Credentials credentials;
    /** The change-log entries seeds wrote: {@link #changes()} leaves them out. */
    private final Set<UUID> seeded = ConcurrentHashMap.newKeySet();

    private Vigil(
            Path dataDir,
            TestMode server,
            String accountId,
            String editToken,
            String readToken,
            boolean resetAfterEach) {
        this.dataDir = dataDir;
        this.server = server;
        this.accountId = accountId;
        this.editToken = editToken;
        this.readToken = readToken;
        this.resetAfterEach = resetAfterEach;
        this.changeLog = new JdbcAuditLog(server.backend().database());
        this.credentials = new Credentials(server.backend());
    }

    /**
     * Starts a server on a new temporary data directory, creates the edit and read tokens of {@code accountId}, and
     * remembers that state as the one {@link #reset()} returns to.
     */
    static Vigil start(String accountId, RateLimit rateLimit, boolean resetAfterEach) {
        Scope.Account checked = new Scope.Account(accountId); // refuses what is not an account id
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("vigil-junit");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the test's server", e);
        }
        TestMode server = null;
        try {
            server = TestMode.start(dataDir, rateLimit);
            String edit = token(server.backend(), EDIT_TOKEN_NAME, Permission.EDIT, checked.id());
            String read = token(server.backend(), READ_TOKEN_NAME, Permission.READ, checked.id());
            server.remember();
            return new Vigil(dataDir, server, checked.id(), edit, read, resetAfterEach);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            delete(dataDir);
            throw e;
        }
    }

    private static String token(Backend backend, String name, Permission permission, String accountId) {
        String secret = Secrets.newToken();
        backend.credentials()
                .save(new ApiToken(
                        Secrets.newId(),
                        name,
                        Secrets.hash(secret),
                        permission,
                        Set.of(accountId),
                        Set.of(),
                        Instant.now(),
                        null));
        return secret;
    }

    /** The API's base URL, {@code http://127.0.0.1:<port>/client/v4}: append a route's path to it. */
    public URI baseUrl() {
        String host = InetAddress.getLoopbackAddress().getHostAddress();
        host = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + host + ":" + server.port() + ApiServer.BASE_PATH);
    }

    /** The account of the tokens, and of seeds that name none. */
    public String accountId() {
        return accountId;
    }

    /** A token that may read and change the insights of {@link #accountId()}, named {@link #EDIT_TOKEN_NAME}. */
    public String editToken() {
        return editToken;
    }

    /** A token that may only read the insights of {@link #accountId()}. */
    public String readToken() {
        return readToken;
    }

    /** More credentials than the two tokens: tokens of any scope and users with a global API key. */
    public Credentials credentials() {
        return credentials;
    }

    /** A new set of fixtures to add, applied together by {@link Seed#apply()}. */
    public Seed seed() {
        return new Seed(this);
    }

    /** The faults the server applies to requests: set per route, gone at the end of the test that set them. */
    public Faults faults() {
        return new Faults(server);
    }

    /** The change log as it is now, without what seeds wrote: what the test's code did. */
    public ChangeLog changes() {
        return new ChangeLog(changeLog.everyEntry().stream()
                .filter(item -> !seeded.contains(item.entry().id()))
                .map(Change::of)
                .toList());
    }

    /**
     * Returns the server to the state right after its start: seeded fixtures and the change log gone, faults
     * cleared, every token's rate-limit window forgotten. The tokens stay valid, those of {@link #credentials()} too.
     */
    public void reset() {
        server.reset();
        credentials.restore();
        seeded.clear();
    }

    Backend backend() {
        return server.backend();
    }

    /** The ids of every change-log entry now: a seed tells what it wrote by the difference. */
    List<UUID> entryIds() {
        return changeLog.everyEntry().stream().map(item -> item.entry().id()).toList();
    }

    void markSeeded(Collection<UUID> entries) {
        seeded.addAll(entries);
    }

    /** After each test: a reset if the class asked for one, else the faults cleared. */
    void afterEach() {
        if (resetAfterEach) {
            reset();
        } else {
            server.clearFaults();
        }
    }

    /** Stops the server and deletes its data directory. */
    void close() {
        try {
            server.close();
        } finally {
            delete(dataDir);
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test server's data directory " + tree, e);
        }
    }
}
