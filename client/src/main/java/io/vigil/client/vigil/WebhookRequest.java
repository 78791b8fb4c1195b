package io.vigil.client.vigil;

import io.vigil.client.Severity;
import java.util.Arrays;
import java.util.List;

/**
 * A subscription to make: where to deliver, and which changes ({@code zones}, {@code kinds}, {@code severities}:
 * empty means all).
 *
 * @param url an {@code https} URL that resolves to public addresses only (unless the operator allows private ones)
 */
public record WebhookRequest(String url, List<String> zones, List<WebhookEventKind> kinds, List<Severity> severities) {
    /** Copies the lists; refuses {@code UNKNOWN} values, which no server takes. */
    public WebhookRequest {
        zones = List.copyOf(zones);
        kinds = List.copyOf(kinds);
        severities = List.copyOf(severities);
        if (kinds.contains(WebhookEventKind.UNKNOWN) || severities.contains(Severity.UNKNOWN)) {
            throw new IllegalArgumentException("UNKNOWN is read from newer servers and is never sent");
        }
    }

    /** Every change of the account, to {@code url}. */
    public static WebhookRequest to(String url) {
        return new WebhookRequest(url, List.of(), List.of(), List.of());
    }

    /** This request, for these zones' insights only. */
    public WebhookRequest zones(String... ids) {
        return new WebhookRequest(url, Arrays.asList(ids), kinds, severities);
    }

    /** This request, for these kinds of change only. */
    public WebhookRequest kinds(WebhookEventKind... values) {
        return new WebhookRequest(url, zones, Arrays.asList(values), severities);
    }

    /** This request, for insights of these severities only. */
    public WebhookRequest severities(Severity... values) {
        return new WebhookRequest(url, zones, kinds, Arrays.asList(values));
    }
}
