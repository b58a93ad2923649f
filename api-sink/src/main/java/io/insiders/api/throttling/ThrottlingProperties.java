package io.insiders.api.throttling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API's throttling ({@code insiders.throttling.*}).
 *
 * @param enabled whether requests to {@code /api/v1/} are throttled at all
 * @param anonymousRate the rate of a client that is not authenticated, counted per client address
 * @param userRate the rate of an authenticated user, counted per user whatever address he calls from
 * @param maxClients how many clients' buckets are kept at most; past it the least recently seen are forgotten
 */
@ConfigurationProperties("insiders.throttling")
public record ThrottlingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100/minute") Rate anonymousRate,
        @DefaultValue("1000/minute") Rate userRate,
        @DefaultValue("100000") int maxClients) {

    public ThrottlingProperties {
        if (maxClients < 1) {
            throw new IllegalArgumentException("insiders.throttling.max-clients must be at least 1, not " + maxClients);
        }
    }
}
