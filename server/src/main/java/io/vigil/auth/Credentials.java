package io.vigil.auth;

import io.vigil.error.ApiException.Detail;
import io.vigil.error.AuthenticationException;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import io.vigil.text.Unicode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The credentials a request presents, checked for form but not yet for validity. */
public sealed interface Credentials {
    /** RFC 6750 {@code b64token} characters, bounded. {@link #parse} checks it by hand; a test holds the two equal. */
    Pattern TOKEN_FORM = Pattern.compile("[A-Za-z0-9._~+/-]{1,512}=*");

    Pattern EMAIL_FORM = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,253}");
    Pattern KEY_FORM = Pattern.compile("[A-Za-z0-9]{32,64}");

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[***]"; // the secret never reaches a log line
        }
    }

    /** {@code X-Auth-Email} + {@code X-Auth-Key}: a user's global API key. */
    record GlobalKey(String email, String key) implements Credentials {
        @Override
        public String toString() {
            return "GlobalKey[" + email + ", ***]";
        }
    }

    /**
     * Reads the credential headers of a request, as Cloudflare does, from their values as the HTTP server hands
     * them over: one char per byte.
     *
     * @throws AuthenticationException if there are none
     * @throws InvalidRequestException if they are malformed
     */
    static Credentials parse(@Nullable String authorization, @Nullable String email, @Nullable String key) {
        // An API token wins over a global key: the official SDKs send every credential they were given
        // (e.g. all three CLOUDFLARE_* variables set), and tokens are the preferred, narrower scheme.
        // The X-Auth-* headers are then ignored entirely, never combined with the token.
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw invalidHeaders(ErrorCode.INVALID_AUTHORIZATION_HEADER, "Invalid format for Authorization header");
            }
            String token = authorization.substring(7).strip();
            if (!isTokenForm(token)) {
                throw invalidHeaders(ErrorCode.INVALID_AUTHORIZATION_HEADER, "Invalid format for Authorization header");
            }
            return new Bearer(token);
        }
        if (email == null || key == null) {
            throw new AuthenticationException(
                    ErrorCode.MISSING_CREDENTIALS, "Missing X-Auth-Key, X-Auth-Email or Authorization headers");
        }
        // Header values arrive one char per byte; an address beyond ASCII is UTF-8 (RFC 6532), and must be
        // well-formed Unicode like every string Vigil accepts.
        String address = Unicode.decode(
                email.getBytes(StandardCharsets.ISO_8859_1),
                problem -> invalidHeaders(ErrorCode.INVALID_EMAIL_HEADER, "Invalid format for X-Auth-Email header"));
        if (!EMAIL_FORM.matcher(address).matches()) {
            throw invalidHeaders(ErrorCode.INVALID_EMAIL_HEADER, "Invalid format for X-Auth-Email header");
        }
        if (!KEY_FORM.matcher(key).matches()) {
            throw invalidHeaders(ErrorCode.INVALID_API_KEY_HEADER, "Invalid format for X-Auth-Key header");
        }
        return new GlobalKey(address, key);
    }

    /**
     * Whether {@code token} has {@link #TOKEN_FORM}: one to 512 token characters, then any {@code =}. Checked by
     * hand: every request checks one, and the regex engine made this the costliest step of reading credentials.
     */
    private static boolean isTokenForm(String token) {
        int length = token.length();
        int i = 0;
        while (i < length && isTokenChar(token.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 512) {
            return false;
        }
        for (; i < length; i++) {
            if (token.charAt(i) != '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/'
                || c == '-';
    }

    private static InvalidRequestException invalidHeaders(ErrorCode detail, String message) {
        return new InvalidRequestException(
                ErrorCode.INVALID_REQUEST_HEADERS, "Invalid request headers", List.of(new Detail(detail, message)));
    }
}
