package io.insiders.api.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a query reaches the instance that holds its device ({@code insiders.routing.*}).
 *
 * @param connectTimeout how long to wait for a connection to another instance before calling it away
 * @param requestTimeout how long a forwarded request may take in all; keep it above
 *     {@code insiders.streams.store-wait}, which the other instance may spend before it answers 503
 * @param awayFor how long an instance that did not answer is skipped (its copies' standbys answer meanwhile),
 *     so that each request does not wait its own connect timeout while an instance is down
 * @param maxHops how many times a request may be forwarded; one more forward answers 503 instead,
 *     which ends loops between instances whose views of the group disagree during a rebalance
 */
@ConfigurationProperties("insiders.routing")
public record RoutingProperties(
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("2s") Duration awayFor,
        @DefaultValue("2") int maxHops) {

    public RoutingProperties {
        if (maxHops < 1) {
            throw new IllegalArgumentException("insiders.routing.max-hops must be at least 1, not " + maxHops);
        }
    }
}
