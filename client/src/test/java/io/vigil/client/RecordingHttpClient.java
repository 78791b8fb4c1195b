package io.vigil.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * A real {@link HttpClient} that records every attempt the Java client makes, as the compat harness's recording
 * fetch records the SDK's ({@code calls}): what was sent and what came back. A spy, not a fake: every request reaches
 * the server.
 */
public final class RecordingHttpClient extends HttpClient {
    /**
     * One HTTP attempt.
     *
     * @param path the raw path, {@code /client/v4/…}, percent-encoding as sent
     * @param query the raw query string, {@code null} when there was none
     * @param body the request body as text, {@code null} when there was none
     */
    public record Exchange(
            String method,
            String path,
            @Nullable String query,
            HttpHeaders headers,
            @Nullable String body,
            int status,
            HttpHeaders responseHeaders,
            String responseBody) {
        /** A request header, {@code null} when it was not sent. */
        @Nullable
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** A response header, {@code null} when it was not sent. */
        @Nullable
        public String responseHeader(String name) {
            return responseHeaders.firstValue(name).orElse(null);
        }
    }

    private final HttpClient delegate = HttpClient.newHttpClient();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** Every attempt so far, oldest first. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** How many attempts were made so far. */
    public int count() {
        return exchanges.size();
    }

    /** The newest attempt. */
    public Exchange last() {
        return exchanges.getLast();
    }

    /** The attempts made since there were {@code before}. */
    public List<Exchange> since(int before) {
        return List.copyOf(exchanges.subList(before, exchanges.size()));
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = delegate.send(request, handler);
        String answered = response.body() instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : "";
        exchanges.add(new Exchange(
                request.method(),
                request.uri().getRawPath(),
                request.uri().getRawQuery(),
                request.headers(),
                body(request),
                response.statusCode(),
                response.headers(),
                answered));
        return response;
    }

    /** The body a request publishes (the client's publishers can be read more than once), as text. */
    private static @Nullable String body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty() || request.bodyPublisher().get().contentLength() == 0) {
            return null;
        }
        List<ByteBuffer> parts = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                parts.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(StandardCharsets.UTF_8.decode(part)));
        return text.toString();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        throw new UnsupportedOperationException("the client sends synchronously");
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
            HttpRequest request,
            HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        throw new UnsupportedOperationException("the client sends synchronously");
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
