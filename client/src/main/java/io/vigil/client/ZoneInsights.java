package io.vigil.client;

/** A zone's insights: the operations of {@link Insights} (Cloudflare serves the extended context per account only). */
public final class ZoneInsights extends Insights {
    ZoneInsights(Http http, String scopePath) {
        super(http, scopePath);
    }
}
