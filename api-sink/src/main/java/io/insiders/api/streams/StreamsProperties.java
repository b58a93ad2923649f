package io.insiders.api.streams;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The stream processor's settings ({@code insiders.streams.*}).
 *
 * @param applicationId the Kafka Streams application id: instances with the same id share the work
 * @param advertisedUrl this instance's base URL as other instances reach it, for routed queries
 * @param standbyReplicas warm copies of each store kept by other instances
 * @param threads stream threads of this instance
 * @param commitInterval how often transactions commit: how long downstream consumers (read_committed) wait for the
 *                       enriched frames and range changes, and how many writes of one key the stores merge before
 *                       writing them through. Queries of this instance read the writes the stores hold back, so they
 *                       see a frame as soon as it is processed, whatever the interval
 * @param rocksdbMemory the bound on the memory of all RocksDB stores of the instance (block cache and memtables)
 * @param compression the compression of what the pipeline writes (enriched frames, range changes, changelogs): a Kafka
 *                    {@code compression.type}
 * @param retention how long frames and ranges are kept
 * @param storeWait how long a query waits for a store that is being restored or moved
 */
@ConfigurationProperties("insiders.streams")
public record StreamsProperties(
        @DefaultValue("insiders") String applicationId,
        @DefaultValue("http://localhost:8080") String advertisedUrl,
        @DefaultValue("0") int standbyReplicas,
        @DefaultValue("2") int threads,
        @DefaultValue("1s") Duration commitInterval,
        @DefaultValue("128MB") DataSize rocksdbMemory,
        @DefaultValue("lz4") String compression,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("5s") Duration storeWait) {
}
