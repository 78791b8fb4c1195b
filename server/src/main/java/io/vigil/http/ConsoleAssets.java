package io.vigil.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The web console's static files, read from the jar ({@code io/vigil/console/}): {@code /} is its page and
 * {@code /console/<name>} its scripts and styles. A name is one path segment of lowercase letters, digits
 * and dashes with a known extension, so no request can reach another resource of the class path. Every
 * answer carries a strict Content-Security-Policy (scripts and styles from this origin only, nothing
 * inline), {@code nosniff} and an ETag; GET and HEAD only. Thread-safe.
 */
final class ConsoleAssets {
    /** Where the console's files live, below the server's root. */
    static final String PREFIX = "/console/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String RESOURCES = "/io/vigil/console/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    /** One file, loaded once: its answer, and the answer to a request that already has it. */
    private record Asset(String etag, ApiResponse ok, ApiResponse notModified) {}

    /** Files found so far; names that match no file are not remembered, so they cannot fill memory. */
    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    /** Whether {@code rawPath} is the console's to answer ({@code /} or below {@link #PREFIX}). */
    static boolean owns(String rawPath) {
        return rawPath.equals("/") || rawPath.startsWith(PREFIX);
    }

    /**
     * The file at {@code rawPath}, which {@link #owns} must accept.
     *
     * @param ifNoneMatch the request's {@code If-None-Match}, answered with a 304 when it names the file's ETag
     * @throws MethodNotAllowedException for any method but GET and HEAD
     * @throws io.vigil.error.NotFoundException if there is no such file
     */
    ApiResponse serve(String method, String rawPath, @Nullable String ifNoneMatch) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new MethodNotAllowedException(method, "GET, HEAD");
        }
        String name = rawPath.equals("/") ? "index.html" : rawPath.substring(PREFIX.length());
        Asset asset = asset(name).orElseThrow(Router::noRoute);
        return asset.etag().equals(ifNoneMatch) ? asset.notModified() : asset.ok();
    }

    private Optional<Asset> asset(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Asset known = loaded.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        String type = TYPES.getOrDefault(matcher.group(1), "application/octet-stream");
        Optional<Asset> found = load(name, type);
        found.ifPresent(asset -> loaded.put(name, asset));
        return found;
    }

    private static Optional<Asset> load(String name, String contentType) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            String etag = etag(body);
            Map<String, String> headers = Map.of(
                    "Content-Type", contentType,
                    "Cache-Control", "no-cache",
                    "ETag", etag,
                    "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "no-referrer",
                    "X-Frame-Options", "DENY");
            return Optional.of(
                    new Asset(etag, new ApiResponse(200, body, headers), new ApiResponse(304, new byte[0], headers)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading console file " + name, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
