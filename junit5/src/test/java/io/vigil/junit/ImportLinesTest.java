package io.vigil.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Seed#importLines} stores lines as {@code vigil insights import} does. */
@VigilTest(resetAfterEach = true)
class ImportLinesTest {
    private static final String OTHER = "b0000000000000000000000000000002";
    private static final String ZONE = "20e1de00000000000000000000a0e001";

    private static String line(String id, String account, String extra) {
        return "{\"id\":\"" + id + "\",\"account_id\":\"" + account + "\",\"issue_class\":\"dnssec_disabled\","
                + "\"issue_type\":\"configuration_suggestion\",\"severity\":\"Low\",\"subject\":\"example.com\","
                + "\"payload\":{\"detection_method\":\"zone_settings\"},\"since\":\"2025-01-01T00:00:00Z\","
                + "\"timestamp\":\"2025-06-01T00:00:00Z\"" + extra + "}";
    }

    @Test
    void importLines_file_storesContextDismissalClassificationAndColonIds(Vigil vigil, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("insights.jsonl");
        Files.write(
                file,
                List.of(
                        line("with:colons", vigil.accountId(), ",\"zone_id\":\"" + ZONE + "\",\"context\":{\"a\":1}"),
                        "",
                        line("accepted", vigil.accountId(), ",\"user_classification\":\"accept_risk\""),
                        line("archived", vigil.accountId(), ",\"dismissed\":true"),
                        line("theirs", OTHER, "")));

        vigil.seed().importLines(file).apply();

        JsonNode listed = Http.json(Http.list(vigil)).at("/result/issues");
        assertThat(listed.findValuesAsText("id")).containsExactlyInAnyOrder("with:colons", "accepted");
        assertThat(Http.json(Http.get(
                                vigil,
                                "/accounts/" + vigil.accountId() + "/security-center/insights/with:colons/context",
                                vigil.readToken()))
                        .at("/result/a")
                        .asInt())
                .isEqualTo(1);
        assertThat(Http.json(Http.get(
                                vigil,
                                "/accounts/" + vigil.accountId() + "/security-center/insights?dismissed=true",
                                vigil.readToken()))
                        .at("/result/issues/0/id")
                        .asText())
                .isEqualTo("archived");
        JsonNode accepted = Http.json(Http.get(
                        vigil,
                        "/accounts/" + vigil.accountId() + "/security-center/insights?issue_class=dnssec_disabled"
                                + "&subject=example.com&per_page=10",
                        vigil.readToken()))
                .at("/result/issues");
        assertThat(accepted.findValuesAsText("user_classification")).contains("accept_risk");
        assertThat(vigil.changes().isEmpty()).isTrue();
    }

    @Test
    void importLines_again_withANewStatus_writesTheScannersEntryBySystem(Vigil vigil) throws IOException {
        vigil.seed()
                .importLines(List.of(line("rescanned", vigil.accountId(), "")))
                .apply();
        vigil.seed()
                .importLines(List.of(line("rescanned", vigil.accountId(), ",\"status\":\"resolved\"")))
                .apply();

        JsonNode entries = Http.json(Http.get(
                        vigil,
                        "/accounts/" + vigil.accountId() + "/security-center/insights/audit-log",
                        vigil.readToken()))
                .at("/result");
        assertThat(entries.size()).isEqualTo(1);
        assertThat(entries.at("/0/changed_by").asText()).isEqualTo("system");
        assertThat(entries.at("/0/current_value").asText()).isEqualTo("resolved");
    }

    @Test
    void importLines_aLineTheImportRefuses_namesTheLineAndTheField(Vigil vigil) {
        Seed seed = vigil.seed();
        assertThatThrownBy(() -> seed.importLines(List.of(
                        line("fine", vigil.accountId(), ""), line("typo", vigil.accountId(), ",\"severty\":\"Low\""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2: unknown field 'severty'");
        assertThatThrownBy(() -> seed.importLines(List.of(line("bad", vigil.accountId(), ",\"dismissed\":\"yes\""))))
                .hasMessage("line 1: dismissed must be true or false");
    }
}
