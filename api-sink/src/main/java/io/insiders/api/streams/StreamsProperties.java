package io.insiders.api.streams;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The stream processor's settings ({@code insiders.streams.*}).
 *
 * @param applicationId the Kafka Streams application id: instances with the same id share the work
 * @param advertisedUrl this instance's base URL as other instances reach it, for routed queries
 * @param standbyReplicas warm copies of each store kept by other instances
 * @param threads stream threads of this instance
 * @param commitInterval how often transactions commit: the bound on how stale a query can be
 * @param retention how long frames and ranges are kept
 * @param storeWait how long a query waits for a store that is being restored or moved
 */
@ConfigurationProperties("insiders.streams")
public record StreamsProperties(
        @DefaultValue("insiders") String applicationId,
        @DefaultValue("http://localhost:8080") String advertisedUrl,
        @DefaultValue("0") int standbyReplicas,
        @DefaultValue("1") int threads,
        @DefaultValue("100ms") Duration commitInterval,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("5s") Duration storeWait) {
}
