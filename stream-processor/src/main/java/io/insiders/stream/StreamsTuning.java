package io.insiders.stream;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams client settings the pipeline runs with beyond its own properties (exactly-once, polling,
 * batching, compression, no record cache). One place, because the application's pipeline and the benchmark's floor
 * (bench {@code streams-floor}) must run with the same ones to be compared.
 */
public final class StreamsTuning {

    private StreamsTuning() {
    }

    /** Puts the settings into {@code config}; {@code compression} is a Kafka {@code compression.type}. */
    public static void applyTo(Properties config, String compression) {
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Its metrics reach Prometheus through Micrometer, which reads them from the instance: registering
        // thousands of JMX beans (per task, store and client) only costs start-up time and memory.
        config.put(StreamsConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        // A task reads three frame topics (raw, JSON, re-keyed), usually with only one of them busy. With idling
        // allowed, Kafka Streams formats a log message (String.format) for each empty partition each time it
        // picks the next record: 12 % of the instance's allocation under load. The pipeline does not depend on
        // the order across these topics (frames arrive late and out of order anyway: uploads, re-keyed ones).
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // Larger batches: one frame in gives an enriched frame and changelog writes out, on 6 partitions each.
        // Each batch compressed with lz4 allocates two 64 KB block buffers, and with a 5 ms linger the producers
        // made a batch per partition every few milliseconds. Readers see nothing before the commit
        // (exactly-once), so Kafka Streams' own default of 100 ms delays no one (docs/benchmarks.md, change 13).
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 100);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131_072);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), compression);
        // No record cache: the pipeline's stores hold their writes back themselves (WriteBehindStore), at a fraction
        // of the cache's cost per write (docs/benchmarks.md, change 14).
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    }
}
