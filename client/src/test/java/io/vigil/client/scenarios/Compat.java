package io.vigil.client.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.auth.Permission;
import io.vigil.client.AccountInsights;
import io.vigil.client.Insights;
import io.vigil.client.InsightsClient;
import io.vigil.client.RecordingHttpClient;
import io.vigil.junit.Credentials;
import io.vigil.junit.Vigil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What {@code compat/harness.js} gives each test file, for a {@link Vigil} the JUnit extension started: the fixture
 * {@code compat/fixtures/insights.jsonl} imported, the harness's credentials, and recording clients. Closing it closes
 * the clients it made.
 */
final class Compat implements AutoCloseable {
    static final String ACCOUNT = "c0ffee00c0ffee00c0ffee00c0ffee01";
    static final String ZONE = "20e1de00000000000000000000a0e001";
    static final String OTHER_ACCOUNT = "0babe000000000000000000000000b02";
    /** An account and a zone that exist nowhere. */
    static final String UNKNOWN_ACCOUNT = "deadbeefdeadbeefdeadbeefdeadbeef";

    static final String UNKNOWN_ZONE = "feedfacefeedfacefeedfacefeedface";

    // account-level insights of ACCOUNT
    static final String ACCT_2FA = "2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d01";
    static final String ACCT_TOKEN = "2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d02";
    /** Has extended context. */
    static final String ACCT_DMARC = "2b1f7c9e-0a6d-4c3b-8e5f-1d2a3b4c5d03";
    // zone-level insights of ZONE (in ACCOUNT)
    static final String ZONE_HTTPS = "7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a01";
    static final String ZONE_DNSSEC = "7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a02";
    /** Imported as accept_risk. */
    static final String ZONE_ORIGIN_ACCEPTED = "7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a03";
    /** Has extended context. */
    static final String ZONE_COLON_ID = "compat:zone:min-tls-1.0";
    /** Imported as dismissed. */
    static final String ZONE_WAF_DISMISSED = "7d4e1a20-5b6c-4f8d-9a0b-2c3d4e5f6a04";
    /** The only insight of OTHER_ACCOUNT. */
    static final String OTHER_2FA = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b01";

    static final String MEMBER_EMAIL = "member@vigil-compat.example";
    static final String OUTSIDER_EMAIL = "outsider@vigil-compat.example";

    /** The compat suite's fixture; surefire runs in the client module's directory. */
    static final Path FIXTURE = Path.of("../compat/fixtures/insights.jsonl");

    /** Edit on ACCOUNT (and its zones). */
    final Credentials.Token edit;
    /** Read on ACCOUNT. */
    final Credentials.Token read;
    /** Edit on ZONE only. */
    final Credentials.Token zoneEdit;
    /** Read on ZONE only. */
    final Credentials.Token zoneRead;
    /** Edit on OTHER_ACCOUNT only. */
    final Credentials.Token otherAccount;
    /** A member of ACCOUNT. */
    final Credentials.GlobalKey member;
    /** A member of OTHER_ACCOUNT only. */
    final Credentials.GlobalKey outsider;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vigil vigil;
    private final List<InsightsClient> clients = new CopyOnWriteArrayList<>();

    private Compat(Vigil vigil) {
        this.vigil = vigil;
        Credentials credentials = vigil.credentials();
        this.edit = credentials.accountToken("compat-edit", Permission.EDIT, ACCOUNT);
        this.read = credentials.accountToken("compat-read", Permission.READ, ACCOUNT);
        this.zoneEdit = credentials.zoneToken("compat-zone-edit", Permission.EDIT, ZONE);
        this.zoneRead = credentials.zoneToken("compat-zone-read", Permission.READ, ZONE);
        this.otherAccount = credentials.accountToken("compat-other-account", Permission.EDIT, OTHER_ACCOUNT);
        this.member = credentials.user(MEMBER_EMAIL, ACCOUNT);
        this.outsider = credentials.user(OUTSIDER_EMAIL, OTHER_ACCOUNT);
    }

    /** Imports the fixture into the test class's server and creates the harness's credentials there. */
    static Compat start(Vigil vigil) {
        seed(vigil);
        return new Compat(vigil);
    }

    /** Imports the fixture (again, after a {@link Vigil#reset()}). */
    static void seed(Vigil vigil) {
        vigil.seed().importLines(FIXTURE).apply();
    }

    /** A client with an API token, recording its requests; two retries, as the SDK's default. */
    Session client(Credentials.Token token) {
        return client(b -> b.apiToken(token.secret()));
    }

    /** A client with an email and a global API key, recording its requests. */
    Session client(Credentials.GlobalKey key) {
        return client(b -> b.apiKey(key.email(), key.key()));
    }

    /** A client built as {@code options} says (credentials included), recording its requests. */
    Session client(UnaryOperator<InsightsClient.Builder> options) {
        RecordingHttpClient calls = new RecordingHttpClient();
        InsightsClient client = options.apply(
                        InsightsClient.builder().baseUrl(vigil.baseUrl()).httpClient(calls))
                .build();
        clients.add(client);
        return new Session(client, calls);
    }

    @Override
    public void close() {
        clients.forEach(InsightsClient::close);
    }

    /** The envelope Vigil answers a classification or a dismissal with (what the SDK resolves for them). */
    static final String OK = "{\"errors\":[],\"messages\":[],\"success\":true}";

    /** Asserts that {@code call} was answered 200 with exactly {@link #OK}. */
    static void assertOk(RecordingHttpClient.Exchange call) {
        assertThat(call.status()).isEqualTo(200);
        assertThat(json(call.responseBody())).isEqualTo(json(OK));
    }

    /** {@code text} as a JSON tree, to compare documents whatever their key order. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code type} exception {@code call} throws (the harness's {@code rejectsWith}). */
    static <E extends Throwable> E rejects(Class<E> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        return type.cast(thrown);
    }

    /** A client and the record of every attempt it made (the harness's {@code {client, calls}}). */
    record Session(InsightsClient client, RecordingHttpClient calls) {
        /** The insights of {@code scope}. */
        Insights insights(Scope scope) {
            return scope.insights(client);
        }

        /** The account's insights, with the extended context. */
        AccountInsights account(String accountId) {
            return client.account(accountId).insights();
        }
    }

    /** An account or a zone, as the SDK's {@code account_id}/{@code zone_id} parameter names one. */
    record Scope(boolean isZone, String id) {
        static final Scope ACCOUNT_SCOPE = new Scope(false, ACCOUNT);
        static final Scope ZONE_SCOPE = new Scope(true, ZONE);
        /** Both scopes of the fixture, as list.test.js's SCOPES. */
        static final List<Scope> BOTH = List.of(ACCOUNT_SCOPE, ZONE_SCOPE);

        static Scope account(String id) {
            return new Scope(false, id);
        }

        static Scope zone(String id) {
            return new Scope(true, id);
        }

        Insights insights(InsightsClient client) {
            return isZone ? client.zone(id).insights() : client.account(id).insights();
        }

        /** {@code /client/v4/accounts/<id>} or {@code /client/v4/zones/<id>}. */
        String path() {
            return "/client/v4/" + (isZone ? "zones/" : "accounts/") + id;
        }

        @Override
        public String toString() {
            return (isZone ? "zone_id " : "account_id ") + id;
        }
    }
}
