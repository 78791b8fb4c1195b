package io.vigil.bulk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code states_token} of a bulk: SHA-256 over what each named insight looked like, as its scope sees it,
 * to the kind of change decided on. Equal tokens mean nothing a decision depended on changed in between.
 */
public final class StatesToken {
    private StatesToken() {}

    /**
     * The token of {@code issueIds} as {@code seen} shows each.
     *
     * @param kind the kind of change ({@code classification}, {@code dismissal}): a token of one never matches
     *     the other
     * @param seen what a decision depends on for one id, or {@code null} when absent or outside the scope
     */
    public static String of(String kind, List<String> issueIds, Function<String, @Nullable String> seen) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        sha256.update((kind + '\n').getBytes(StandardCharsets.UTF_8));
        for (String id : issueIds) {
            String state = seen.apply(id);
            sha256.update((id + '\0' + (state == null ? "-" : "+" + state) + '\n').getBytes(StandardCharsets.UTF_8));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
    }
}
