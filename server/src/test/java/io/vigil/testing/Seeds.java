package io.vigil.testing;

import io.vigil.auth.ApiToken;
import io.vigil.auth.Permission;
import io.vigil.auth.Secrets;
import io.vigil.store.Database;
import io.vigil.store.JdbcCredentialStore;
import io.vigil.store.JdbcInsightStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Data and requests for tests that run servers of their own (crash, multi-node). */
public final class Seeds {
    private Seeds() {}

    /**
     * Imports {@code count} account-level insights {@code <prefix>0…} into {@code database}, and returns the
     * secret of a new edit token for {@link Insights#ACCOUNT}.
     */
    public static String insightsAndEditToken(Database database, String prefix, int count) {
        try (JdbcInsightStore store = Stores.insights(database)) {
            List<io.vigil.insight.Insight> insights = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                insights.add(Insights.inAccount(prefix + i, Insights.ACCOUNT));
            }
            Stores.service(store).importInsights(insights);
        }
        String secret = Secrets.newToken();
        new JdbcCredentialStore(database)
                .save(new ApiToken(
                        Secrets.newId(),
                        prefix + "token",
                        Secrets.hash(secret),
                        Permission.EDIT,
                        Set.of(Insights.ACCOUNT),
                        Set.of(),
                        Instant.now(),
                        null));
        return secret;
    }

    /** PUT …/dismiss with {@code {"dismiss": value}} on an account-level insight. */
    public static HttpRequest dismiss(int port, String issueId, boolean value, String token, Duration timeout) {
        return write(port, issueId, "/dismiss", "PUT", "{\"dismiss\":" + value + "}", token, timeout);
    }

    /** {@code PATCH …/classification} of an insight of {@link Insights#ACCOUNT} on a server at {@code port}. */
    public static HttpRequest classify(int port, String issueId, String body, String token, Duration timeout) {
        return write(port, issueId, "/classification", "PATCH", body, token, timeout);
    }

    /** {@code POST /vigil/accounts/{ACCOUNT}/webhooks} subscribing {@code url} to every change. */
    public static HttpRequest subscribe(int port, String url, String token) {
        return HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/client/v4/vigil/accounts/" + Insights.ACCOUNT + "/webhooks"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}"))
                .build();
    }

    private static HttpRequest write(
            int port, String issueId, String action, String method, String body, String token, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/client/v4/accounts/" + Insights.ACCOUNT
                        + "/security-center/insights/" + issueId + action))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
