package io.insiders.api.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP only while the stream processor runs with its stores ready to answer; its state otherwise. */
public final class StreamsHealthIndicator extends AbstractHealthIndicator {

    private final StreamsRuntime runtime;

    public StreamsHealthIndicator(StreamsRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        KafkaStreams streams = runtime.streams();
        KafkaStreams.State state = streams.state();
        // The instance reports RUNNING a moment before its threads can serve their stores.
        boolean threadsRunning = streams.metadataForLocalThreads().stream()
                .allMatch(thread -> "RUNNING".equals(thread.threadState()));
        (state == KafkaStreams.State.RUNNING && threadsRunning ? builder.up() : builder.down())
                .withDetail("state", state.name());
    }
}
