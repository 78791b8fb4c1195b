package io.vigil.http;

import io.vigil.auth.ApiToken;
import io.vigil.auth.Authenticator;
import io.vigil.auth.Credentials;
import io.vigil.auth.RateLimiter;
import io.vigil.error.ApiException.Detail;
import io.vigil.error.ErrorCode;
import io.vigil.error.InvalidRequestException;
import java.time.InstantSource;
import java.util.List;

/** {@code GET /user/tokens/verify}: whether the bearer token is valid, as Cloudflare answers it. */
record TokenHandler(Authenticator authenticator, RateLimiter rateLimiter, InstantSource clock) {
    ApiResponse verify(ApiRequest request) {
        request.query(java.util.Set.of());
        if (!(Guard.credentials(request) instanceof Credentials.Bearer bearer)) {
            throw new InvalidRequestException(
                    ErrorCode.INVALID_REQUEST_HEADERS,
                    "Invalid request headers",
                    List.of(new Detail(
                            ErrorCode.INVALID_AUTHORIZATION_HEADER,
                            "/user/tokens/verify checks an API token: send Authorization: Bearer <token>")));
        }
        ApiToken token = authenticator.verify(bearer);
        request.addResponseHeaders(rateLimiter.acquire(token.principal()));
        return ApiResponse.ok(Envelope.success(
                json -> {
                    json.writeStartObject();
                    json.writeStringField("id", token.id());
                    json.writeStringField("status", token.status(clock.instant()));
                    if (token.expiresOn() != null) {
                        json.writeStringField("expires_on", token.expiresOn().toString());
                    }
                    json.writeEndObject();
                },
                new Envelope.Message(10000, "This API Token is valid and active")));
    }
}
