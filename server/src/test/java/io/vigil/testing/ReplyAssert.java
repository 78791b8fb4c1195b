package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/** Assertions on API replies: {@code assertThat(reply).failsWith(409, 1200, "…")}. */
public final class ReplyAssert extends AbstractAssert<ReplyAssert, Reply> {
    /** The seed's success response, byte for byte. */
    public static final String SEED_SUCCESS = "{\"errors\":[],\"messages\":[],\"success\":true}";

    private ReplyAssert(Reply actual) {
        super(actual, ReplyAssert.class);
    }

    public static ReplyAssert assertThat(Reply reply) {
        return new ReplyAssert(reply);
    }

    /** 200 with exactly the seed's body. */
    public ReplyAssert succeedsWithSeedEnvelope() {
        isNotNull();
        if (actual.status() != 200 || !actual.body().equals(SEED_SUCCESS)) {
            failWithMessage("expected 200 %s but was %d %s", SEED_SUCCESS, actual.status(), actual.body());
        }
        return this;
    }

    /** A Cloudflare error envelope with exactly one error of this status, code and message. */
    public ReplyAssert failsWith(int status, int code, String message) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("expected status %d but was %d: %s", status, actual.status(), actual.body());
        }
        JsonNode json = actual.json();
        Assertions.assertThat(json.path("success").asBoolean(true))
                .as("success")
                .isFalse();
        Assertions.assertThat(json.path("messages").isArray())
                .as("messages is an array")
                .isTrue();
        Assertions.assertThat(json.path("errors")).as("errors").hasSize(1);
        JsonNode error = json.path("errors").get(0);
        Assertions.assertThat(error.path("code").asInt())
                .as("errors[0].code in %s", actual.body())
                .isEqualTo(code);
        Assertions.assertThat(error.path("message").asText())
                .as("errors[0].message")
                .isEqualTo(message);
        if (status < 500 && status != 409 && status != 429) {
            Assertions.assertThat(actual.header("x-should-retry"))
                    .as("x-should-retry")
                    .contains("false");
        }
        return this;
    }

    /** The failing error points at this JSON pointer of the body. */
    public ReplyAssert atPointer(String pointer) {
        JsonNode source = actual.json().path("errors").get(0).path("source");
        Assertions.assertThat(source.path("pointer").isTextual())
                .as("source.pointer present in %s", actual.body())
                .isTrue();
        Assertions.assertThat(source.path("pointer").asText())
                .as("source.pointer")
                .isEqualTo(pointer);
        return this;
    }

    /** The failing error has this {@code error_chain[0].code}. */
    public ReplyAssert withChainCode(int code) {
        JsonNode chain = actual.json().path("errors").get(0).path("error_chain");
        Assertions.assertThat(chain.get(0).path("code").asInt())
                .as("error_chain[0].code in %s", actual.body())
                .isEqualTo(code);
        return this;
    }
}
