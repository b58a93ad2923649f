package io.insiders.ingest.kafka;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/** The partitions of a topic, once it exists. */
public final class TopicPartitions {

    private TopicPartitions() {
    }

    /**
     * The topic's partitions, waiting up to {@code timeout} for the topic to appear: readers start while the application
     * creates its topics, and a topic just created takes a moment to show in the metadata.
     */
    public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            } catch (TimeoutException e) {
                // The cluster did not answer yet: keep asking until the deadline.
                partitions = List.of();
            }
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaException("topic " + topic + " does not exist after " + timeout);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while waiting for topic " + topic, e);
            }
        }
    }
}
