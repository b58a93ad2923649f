package io.insiders.api.operability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.insiders.api.streams.StreamsRuntime;
import io.insiders.schemas.Topics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The pipeline's figures for Prometheus, read from this instance's Kafka Streams metrics at each scrape:
 *
 * <ul>
 *   <li>{@code insiders_frames_in_total{topic}}: frames this instance's stream processor read from each intake topic;</li>
 *   <li>{@code insiders_dead_letters_total}: frames it refused to {@code insiders.frames.dead-letter};</li>
 *   <li>{@code insiders_consumer_lag_records{topic}}: records of each topic, on the partitions this instance
 *       processes, not read yet (what the stores and the output topics are behind the intake).</li>
 * </ul>
 *
 * Every other Kafka Streams, consumer and producer metric is bound too, under {@code kafka_*}.
 */
final class PipelineMetrics implements MeterBinder, AutoCloseable {

    /** The topics frames come in by: producers' Avro and JSON, and the frames the intake re-keyed to their device's partition. */
    static final List<String> INTAKE_TOPICS = List.of(Topics.FRAMES_RAW, Topics.FRAMES_JSON, Topics.FRAMES_REKEYED);

    private static final String TOPIC_GROUP = "stream-topic-metrics";
    private static final String FETCH_GROUP = "consumer-fetch-manager-metrics";

    private final StreamsRuntime runtime;
    private final KafkaStreamsMetrics streamsMetrics;
    private final Map<String, MonotonicSum> framesIn = new HashMap<>();
    private final MonotonicSum deadLetters = new MonotonicSum();

    PipelineMetrics(StreamsRuntime runtime) {
        this.runtime = runtime;
        this.streamsMetrics = new KafkaStreamsMetrics(runtime.streams());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        streamsMetrics.bindTo(registry);
        for (String topic : List.of(Topics.FRAMES_RAW, Topics.FRAMES_JSON)) {
            MonotonicSum sum = framesIn.computeIfAbsent(topic, t -> new MonotonicSum());
            FunctionCounter.builder("insiders.frames.in", this, m -> sum.update(m.values(TOPIC_GROUP, "records-consumed-total", topic)))
                    .description("Frames read from the intake topic by this instance's stream processor")
                    .tag("topic", topic).register(registry);
        }
        FunctionCounter.builder("insiders.dead.letters", this,
                        m -> deadLetters.update(m.values(TOPIC_GROUP, "records-produced-total", Topics.FRAMES_DEAD_LETTER)))
                .description("Frames refused by this instance's stream processor, written to " + Topics.FRAMES_DEAD_LETTER)
                .register(registry);
        for (String topic : INTAKE_TOPICS) {
            Gauge.builder("insiders.consumer.lag", this, m -> m.lag(topic))
                    .description("Records of the topic not read yet by this instance's stream processor, on the partitions it processes")
                    .baseUnit("records").tag("topic", topic).register(registry);
        }
    }

    /** The values of the metrics of this group and name whose {@code topic} tag is {@code topic}, by metric. */
    private Map<MetricName, Double> values(String group, String name, String topic) {
        return values(metric -> group.equals(metric.group()) && name.equals(metric.name()) && topic.equals(metric.tags().get("topic")));
    }

    /**
     * The lag of the main consumers (not the restore consumers, whose lag is a restore's progress) on the
     * topic's partitions, summed.
     */
    private double lag(String topic) {
        return values(metric -> FETCH_GROUP.equals(metric.group()) && "records-lag".equals(metric.name())
                && topic.equals(metric.tags().get("topic")) && metric.tags().getOrDefault("client-id", "").endsWith("-consumer")
                && !metric.tags().getOrDefault("client-id", "").endsWith("restore-consumer"))
                .values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private Map<MetricName, Double> values(Predicate<MetricName> wanted) {
        Map<MetricName, Double> values = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : runtime.streams().metrics().entrySet()) {
            if (wanted.test(metric.getKey()) && metric.getValue().metricValue() instanceof Number number) {
                values.put(metric.getKey(), number.doubleValue());
            }
        }
        return values;
    }

    @Override
    public void close() {
        streamsMetrics.close();
    }
}
