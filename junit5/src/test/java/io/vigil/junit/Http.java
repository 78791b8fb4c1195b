package io.vigil.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Requests to a test's server over real HTTP, as a client of Cloudflare's API sends them. */
final class Http {
    static final String LIST = "/accounts/{account_id}/security-center/insights";
    static final String CLASSIFY = "/accounts/{account_id}/security-center/insights/{issue_id}/classification";
    static final String COUNT_BY_CLASS = "/accounts/{account_id}/security-center/insights/class";

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Http() {}

    /** A route's pattern with the test's account in it. */
    static String path(Vigil vigil, String pattern) {
        return pattern.replace("{account_id}", vigil.accountId());
    }

    /** GET {@code path} (below the base URL) with {@code token}. */
    static HttpResponse<String> get(Vigil vigil, String path, String token) throws IOException {
        return send(vigil, "GET", path, token, null);
    }

    /** PATCH an insight's classification with the edit token. */
    static HttpResponse<String> classify(Vigil vigil, String insightId, String body) throws IOException {
        return send(
                vigil,
                "PATCH",
                "/accounts/" + vigil.accountId() + "/security-center/insights/" + insightId + "/classification",
                vigil.editToken(),
                body);
    }

    /** The account's insight list, with the read token. */
    static HttpResponse<String> list(Vigil vigil) throws IOException {
        return get(vigil, "/accounts/" + vigil.accountId() + "/security-center/insights", vigil.readToken());
    }

    static HttpResponse<String> send(Vigil vigil, String method, String path, String token, @Nullable String body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vigil.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
