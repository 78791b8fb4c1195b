package io.vigil.auth;

import java.util.Objects;
import java.util.Set;

/** A stored user with a global API key (hashed) and the accounts they belong to. */
public record User(String id, String email, String keyHash, Set<String> accountIds) {
    public User {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(email, "email == null");
        Objects.requireNonNull(keyHash, "keyHash == null");
        accountIds = Set.copyOf(accountIds);
    }

    Principal.User principal() {
        return new Principal.User(id, email, accountIds);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + "]";
    }
}
