package io.vigil.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Sends one delivery and answers the receiver's status. */
@FunctionalInterface
public interface Transport {
    /** How long a receiver may take to connect, and to answer once connected. */
    Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    int post(URI target, Map<String, String> headers, String body) throws IOException, InterruptedException;

    /** Plain HTTP/1.1 with bounded timeouts, never following a redirect (a 3xx is a failed delivery). */
    static Transport http() {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        return (target, headers, body) -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(ANSWER_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        };
    }
}
