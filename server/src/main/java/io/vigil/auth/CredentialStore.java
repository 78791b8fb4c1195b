package io.vigil.auth;

import java.util.List;
import java.util.Optional;

/** The persistence port for tokens and users. Implementations are thread-safe. */
public interface CredentialStore {

    Optional<ApiToken> findTokenByHash(String secretHash);

    Optional<User> findUserByEmail(String email);

    /** Saves a token, replacing the one with the same id if any (its old secret stops working). */
    void save(ApiToken token);

    /** Every token, oldest first. */
    List<ApiToken> tokens();

    /** Deletes a token and its scopes: its secret stops working. Returns whether it existed. */
    boolean deleteToken(String id);

    /** Saves a new user; fails if the email is taken. */
    void save(User user);

    /** The account a zone belongs to, if the zone is known. */
    Optional<String> accountOfZone(String zoneId);
}
