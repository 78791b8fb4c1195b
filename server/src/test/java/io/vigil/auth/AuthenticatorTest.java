package io.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.error.AuthenticationException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final String SECRET = "T".repeat(40);

    /** A store that counts lookups. */
    static final class CountingStore implements CredentialStore {
        final Map<String, ApiToken> tokens = new HashMap<>();
        int lookups;

        @Override
        public Optional<ApiToken> findTokenByHash(String secretHash) {
            lookups++;
            return Optional.ofNullable(tokens.get(secretHash));
        }

        @Override
        public Optional<User> findUserByEmail(String email) {
            lookups++;
            return Optional.empty();
        }

        @Override
        public void save(ApiToken token) {
            tokens.put(token.secretHash(), token);
        }

        @Override
        public java.util.List<ApiToken> tokens() {
            return java.util.List.copyOf(tokens.values());
        }

        @Override
        public boolean deleteToken(String id) {
            return tokens.values().removeIf(t -> t.id().equals(id));
        }

        @Override
        public void save(User user) {}

        @Override
        public Optional<String> accountOfZone(String zoneId) {
            return Optional.empty();
        }
    }

    private final long[] now = {1_000_000};
    private final InstantSource clock = () -> Instant.ofEpochMilli(now[0]);
    private final CountingStore store = new CountingStore();
    private final Authenticator authenticator = new Authenticator(store, clock);

    private void saveToken(Instant expires) {
        store.save(new ApiToken(
                "id", "t", Secrets.hash(SECRET), Permission.EDIT, Set.of(), Set.of(), Instant.EPOCH, expires));
    }

    @Test
    void verify_sameTokenWithinTheCacheTime_isLookedUpOnce_thenAgain() {
        saveToken(Instant.ofEpochMilli(10_000_000));
        authenticator.verify(new Credentials.Bearer(SECRET));
        now[0] += Authenticator.CACHE_MILLIS - 1;
        authenticator.verify(new Credentials.Bearer(SECRET));
        assertThat(store.lookups).isEqualTo(1);
        now[0] += 1;
        authenticator.verify(new Credentials.Bearer(SECRET));
        assertThat(store.lookups).isEqualTo(2);
    }

    @Test
    void verify_unknownToken_isLookedUpEveryTime_soOneCreatedMeanwhileWorksAtOnce() {
        assertThatThrownBy(() -> authenticator.verify(new Credentials.Bearer(SECRET)))
                .isInstanceOf(AuthenticationException.class);
        saveToken(Instant.ofEpochMilli(10_000_000));
        assertThat(authenticator.verify(new Credentials.Bearer(SECRET)).id()).isEqualTo("id");
        assertThat(store.lookups).isEqualTo(2);
    }

    @Test
    void verify_cachedTokenThatExpires_isRefusedAtOnce() {
        saveToken(Instant.ofEpochMilli(now[0] + 10));
        authenticator.verify(new Credentials.Bearer(SECRET));
        now[0] += 10;
        assertThatThrownBy(() -> authenticator.verify(new Credentials.Bearer(SECRET)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("Invalid access token");
    }
}
