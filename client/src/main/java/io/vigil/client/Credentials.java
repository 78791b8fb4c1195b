package io.vigil.client;

import java.net.http.HttpRequest;
import java.util.Objects;

/** How requests authenticate: an API token, or an email and a global API key. Never printed. */
sealed interface Credentials {
    void apply(HttpRequest.Builder request);

    /** {@code Authorization: Bearer <token>}. */
    record Token(String token) implements Credentials {
        public Token {
            Objects.requireNonNull(token, "token == null");
            if (token.isBlank()) {
                throw new IllegalArgumentException("the API token is blank");
            }
        }

        @Override
        public void apply(HttpRequest.Builder request) {
            request.header("Authorization", "Bearer " + token);
        }

        @Override
        public String toString() {
            return "Token[****]";
        }
    }

    /** {@code X-Auth-Email} and {@code X-Auth-Key}: the legacy scheme, with all of the user's permissions. */
    record GlobalKey(String email, String key) implements Credentials {
        public GlobalKey {
            Objects.requireNonNull(email, "email == null");
            Objects.requireNonNull(key, "key == null");
            if (email.isBlank() || key.isBlank()) {
                throw new IllegalArgumentException("the email or the global API key is blank");
            }
        }

        @Override
        public void apply(HttpRequest.Builder request) {
            request.header("X-Auth-Email", email).header("X-Auth-Key", key);
        }

        @Override
        public String toString() {
            return "GlobalKey[" + email + ", ****]";
        }
    }
}
