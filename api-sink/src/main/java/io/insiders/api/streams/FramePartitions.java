package io.insiders.api.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import io.insiders.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition count of the frame topics, asked of the cluster once, when the first stream task
 * starts (the topics exist by then). The intake compares each frame's partition with the one Kafka's
 * default partitioner gives its device, and re-keys frames that producers placed elsewhere.
 */
final class FramePartitions implements IntSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(FramePartitions.class);
    private static final Duration ASK_FOR = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private volatile int partitions;

    FramePartitions(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public int getAsInt() {
        int known = partitions;
        return known > 0 ? known : ask();
    }

    private synchronized int ask() {
        if (partitions > 0) {
            return partitions;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int json = count(admin, Topics.FRAMES_JSON);
            int raw = count(admin, Topics.FRAMES_RAW);
            if (json != raw) {
                LOG.warn("{} has {} partitions and {} has {}: frames of one device may be filed apart", Topics.FRAMES_JSON, json,
                        Topics.FRAMES_RAW, raw);
            }
            partitions = json;
            return json;
        } catch (ExecutionException | TimeoutException e) {
            // Without the count, frames keyed by their device are taken where they are, as before the check.
            LOG.warn("cannot read the frame topics' partition count: {}", e.getMessage());
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int count(Admin admin, String topic) throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(ASK_FOR.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().size();
    }
}
