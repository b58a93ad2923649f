package io.insiders.api.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts hanging transactions on the application's partitions: a transaction still open on a
 * partition although its coordinator has ended it, or never knew the partition was in it.
 *
 * <p>Such a partition never gets its transaction's marker: its last stable offset stays where the transaction
 * began, so read-committed consumers stop there, and a group whose offsets were committed in that transaction
 * cannot read its committed offsets at all (Kafka Streams then retries for ever, and the instance never turns
 * healthy). It was seen on the embedded broker after a SIGKILL of the whole process: the pipeline's last offset
 * commit stayed open on {@code __consumer_offsets} while the transaction coordinator had the producer at a later
 * epoch. Kafka's own remedy is {@code kafka-transactions.sh find-hanging} then {@code abort}; this does the same
 * from inside the application, with the same checks: the transaction is older than {@code minimumAge} and its
 * coordinator does not have it open on that partition with that producer epoch.
 */
public final class HangingTransactions implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    private static final String OFFSETS_TOPIC = "__consumer_offsets";
    private static final Set<TransactionState> IN_PROGRESS = Set.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT);

    private final Admin admin;
    private final Predicate<String> topics;
    private final Duration minimumAge;
    private final Duration interval;
    private final LongSupplier clock;
    private final CountDownLatch closed = new CountDownLatch(1);

    /**
     * @param bootstrapServers the cluster
     * @param topics which topics to look at, besides the consumer offsets
     * @param minimumAge how long a transaction must have been open, by its last write, before it is suspected
     * @param interval how often to look
     * @param clock wall-clock milliseconds
     */
    public HangingTransactions(String bootstrapServers, Predicate<String> topics, Duration minimumAge, Duration interval,
                               LongSupplier clock) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.topics = topics;
        this.minimumAge = minimumAge;
        this.interval = interval;
        this.clock = clock;
    }

    /** A transaction open on a partition, as the partition's leader sees it. */
    record OpenTransaction(TopicPartition partition, long producerId, int producerEpoch, int coordinatorEpoch,
                           long startOffset) {
    }

    @Override
    public void run() {
        try {
            while (!closed.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    abortHanging();
                } catch (ExecutionException | RuntimeException e) {
                    // The broker away, a partition moving: the next round looks again.
                    LOG.debug("looking for hanging transactions failed: {}", e.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Looks once; returns the transactions it aborted. */
    List<OpenTransaction> abortHanging() throws ExecutionException, InterruptedException {
        List<OpenTransaction> suspects = openTransactionsOlderThan(clock.getAsLong() - minimumAge.toMillis());
        if (suspects.isEmpty()) {
            return List.of();
        }
        Set<Long> producerIds = suspects.stream().map(OpenTransaction::producerId).collect(Collectors.toSet());
        Collection<TransactionListing> listings = admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
                .all().get();
        Map<String, TransactionDescription> described = listings.isEmpty() ? Map.of()
                : admin.describeTransactions(listings.stream().map(TransactionListing::transactionalId).toList()).all().get();
        List<OpenTransaction> aborted = new ArrayList<>();
        for (OpenTransaction open : suspects) {
            Optional<TransactionDescription> coordinator = described.values().stream()
                    .filter(description -> description.producerId() == open.producerId()).findFirst();
            if (isHanging(open, coordinator)) {
                LOG.warn("aborting a hanging transaction on {}: producer {} epoch {}, open since offset {}; its coordinator has {}",
                        open.partition(), open.producerId(), open.producerEpoch(), open.startOffset(),
                        coordinator.map(c -> c.state() + " at epoch " + c.producerEpoch()).orElse("no transaction"));
                admin.abortTransaction(new AbortTransactionSpec(open.partition(), open.producerId(), (short) open.producerEpoch(),
                        open.coordinatorEpoch())).all().get();
                aborted.add(open);
            }
        }
        return aborted;
    }

    /**
     * Whether a transaction open on a partition is hanging: its coordinator has no transaction of that producer in
     * progress with the same epoch that includes the partition. (One in progress may still be writing its markers.)
     */
    static boolean isHanging(OpenTransaction open, Optional<TransactionDescription> coordinator) {
        if (coordinator.isEmpty()) {
            return true;
        }
        TransactionDescription known = coordinator.get();
        return !IN_PROGRESS.contains(known.state())
                || known.producerEpoch() != open.producerEpoch()
                || !known.topicPartitions().contains(open.partition());
    }

    private List<OpenTransaction> openTransactionsOlderThan(long lastWriteBefore) throws ExecutionException, InterruptedException {
        List<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get().stream()
                .filter(name -> name.equals(OFFSETS_TOPIC) || topics.test(name)).toList();
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get().values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                partitions.add(new TopicPartition(topic.name(), partition.partition()));
            }
        }
        List<OpenTransaction> open = new ArrayList<>();
        admin.describeProducers(partitions).all().get().forEach((partition, state) -> {
            for (ProducerState producer : state.activeProducers()) {
                if (producer.currentTransactionStartOffset().isPresent() && producer.lastTimestamp() < lastWriteBefore) {
                    open.add(new OpenTransaction(partition, producer.producerId(), producer.producerEpoch(),
                            producer.coordinatorEpoch().orElse(-1), producer.currentTransactionStartOffset().getAsLong()));
                }
            }
        });
        return open;
    }

    @Override
    public void close() {
        closed.countDown();
        admin.close(Duration.ofSeconds(5));
    }
}
