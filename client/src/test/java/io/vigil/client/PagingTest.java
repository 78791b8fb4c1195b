package io.vigil.client;

import static io.vigil.client.VigilServer.ACCOUNT;
import static io.vigil.client.VigilServer.insight;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages and audit cursors are fetched lazily: each request counted on the wire to a real Vigil server. */
class PagingTest {
    static VigilServer server;
    static RecordingHttpClient http;
    static InsightsClient client;

    @BeforeAll
    static void start() {
        server = VigilServer.start();
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        server.seed(IntStream.rangeClosed(1, 7)
                .mapToObj(n -> insight("insight-" + n, ACCOUNT, null, t.minusSeconds(n))
                        .build())
                .toArray(io.vigil.insight.Insight[]::new));
        http = new RecordingHttpClient();
        client = InsightsClient.builder()
                .baseUrl(server.baseUrl())
                .apiToken(server.editToken(ACCOUNT))
                .httpClient(http)
                .build();
        // Five audit entries on insight-1: set, reset, set, reset, set.
        Insights insights = client.account(ACCOUNT).insights();
        for (int i = 0; i < 5; i++) {
            if (i % 2 == 0) {
                insights.classify("insight-1", Classification.FALSE_POSITIVE, "round " + i);
            } else {
                insights.resetClassification("insight-1");
            }
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        http.close();
        server.close();
    }

    private int before;

    @BeforeEach
    void mark() {
        before = http.count();
    }

    /** What was sent since the mark, as {@code METHOD path?query}. */
    private List<String> sentSinceMark() {
        return http.since(before).stream()
                .map(e -> e.method() + " " + e.path() + (e.query() == null ? "" : "?" + e.query()))
                .toList();
    }

    @Test
    void list_requestsNothingUntilIterated_thenEachPageWhenReached() {
        Paged<Insight> list = client.account(ACCOUNT)
                .insights()
                .list(InsightQuery.builder().perPage(3).build());
        assertThat(sentSinceMark()).isEmpty();

        Iterator<Insight> it = list.iterator();
        assertThat(it.next().id()).isEqualTo("insight-1");
        assertThat(sentSinceMark()).hasSize(1);
        it.next();
        it.next();
        assertThat(sentSinceMark()).hasSize(1);
        assertThat(it.next().id()).isEqualTo("insight-4");
        assertThat(sentSinceMark()).hasSize(2);
        it.forEachRemaining(i -> {});

        assertThat(sentSinceMark())
                .containsExactly(
                        "GET /client/v4/accounts/" + ACCOUNT + "/security-center/insights?page=1&per_page=3",
                        "GET /client/v4/accounts/" + ACCOUNT + "/security-center/insights?page=2&per_page=3",
                        "GET /client/v4/accounts/" + ACCOUNT + "/security-center/insights?page=3&per_page=3");
    }

    @Test
    void list_readToTheEnd_holdsEveryInsightOnce_andAskesNoPagePastTheLast() {
        List<String> ids = client
                .account(ACCOUNT)
                .insights()
                .list(InsightQuery.builder().perPage(7).build())
                .stream()
                .map(Insight::id)
                .toList();

        assertThat(ids)
                .containsExactly(IntStream.rangeClosed(1, 7)
                        .mapToObj(n -> "insight-" + n)
                        .toArray(String[]::new));
        assertThat(sentSinceMark()).hasSize(1);
    }

    @Test
    void stream_shortCircuited_stopsRequesting() {
        List<Insight> two = client
                .account(ACCOUNT)
                .insights()
                .list(InsightQuery.builder().perPage(2).build())
                .stream()
                .limit(2)
                .toList();

        assertThat(two).hasSize(2);
        assertThat(sentSinceMark()).hasSize(1);
    }

    @Test
    void auditLog_followsTheCursor_oneRequestPerPage() {
        List<AuditLogEntry> entries = client
                .account(ACCOUNT)
                .insights()
                .auditLog("insight-1", AuditLogQuery.ALL.perPage(2).order(AuditLogQuery.Order.ASC))
                .stream()
                .toList();

        assertThat(entries)
                .extracting(AuditLogEntry::rationale)
                .containsExactly("round 0", null, "round 2", null, "round 4");
        List<String> sent = sentSinceMark();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).endsWith("/insights/insight-1/audit-log?per_page=2&order=asc");
        assertThat(sent.get(1)).contains("per_page=2&cursor=");
        assertThat(sent.get(2)).contains("per_page=2&cursor=");
    }

    @Test
    void auditLog_pages_carryTheCursorAndCounts() {
        Iterator<Page<AuditLogEntry>> pages = client.account(ACCOUNT)
                .insights()
                .auditLog(AuditLogQuery.ALL.perPage(4))
                .pages()
                .iterator();

        Page<AuditLogEntry> first = pages.next();
        assertThat(first.items()).hasSize(4);
        assertThat(first.info().perPage()).isEqualTo(4);
        assertThat(first.info().cursor()).isNotEmpty();
        Page<AuditLogEntry> last = pages.next();
        assertThat(last.items()).hasSize(1);
        assertThat(pages.hasNext()).isFalse();
        assertThat(sentSinceMark()).hasSize(2);
    }
}
