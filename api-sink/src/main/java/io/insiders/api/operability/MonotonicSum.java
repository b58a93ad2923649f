package io.insiders.api.operability;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.MetricName;

/**
 * A running total over a set of Kafka cumulative metrics that come and go: Kafka Streams keeps a
 * {@code records-consumed-total} per task, and a task that moves to another instance takes its
 * metric with it. Summing the metrics present would make the total fall when a task leaves; this
 * keeps what each metric had counted when it left, so the total only grows, as a Prometheus counter must.
 */
final class MonotonicSum {

    private final Map<MetricName, Double> lastSeen = new HashMap<>();
    private double total;

    /** Adds what each metric counted since it was last seen (all of it for a new or recreated one) and returns the total. */
    synchronized double update(Map<MetricName, Double> current) {
        for (Map.Entry<MetricName, Double> metric : current.entrySet()) {
            double value = metric.getValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            Double previous = lastSeen.put(metric.getKey(), value);
            // A value below the last one means the metric was removed and created again between two reads.
            total += previous == null || value < previous ? value : value - previous;
        }
        lastSeen.keySet().retainAll(current.keySet());
        return total;
    }
}
