package io.insiders.api.accounts;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;

import io.insiders.ingest.kafka.TopicPartitions;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the account commands, one at a time and exactly once: a transactional
 * consume-transform-produce loop over {@code insiders.accounts.commands} (one partition). For each
 * command, the manager's new record (on {@code insiders.accounts.managers}), the result (on
 * {@code insiders.accounts.results}) and the consumer's next position are committed in one
 * transaction: a crash leaves either all three or none.
 *
 * <p>Every instance runs one; the consumer group gives the partition to one of them at a time. Its
 * transactional id is the same on every instance, so the instance that takes the partition over fences
 * the previous owner and waits for that owner's last transaction to be completed before it reads the
 * managers topic back into its state: nothing the previous owner committed is missed, nothing it left
 * open is seen. A command the state already holds a later change for is skipped (see
 * {@link AccountState#handled}), so even a consumer position lost to the broker's offset retention
 * never applies a command twice.
 */
public final class AccountProcessor implements Runnable, AutoCloseable {

    /** The consumer group of the account processors of every instance that uses the cluster. */
    public static final String GROUP_ID = "insiders.accounts";
    /** One id for the one partition: whoever holds it writes under this id, and fences whoever held it before. */
    public static final String TRANSACTIONAL_ID = "insiders.accounts.processor";

    private static final Logger LOG = LoggerFactory.getLogger(AccountProcessor.class);

    private final String bootstrapServers;
    private final KafkaConsumer<String, byte[]> consumer;
    private final LongSupplier clock;
    private final ConsumerRebalanceListener rebalances = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Taken over after the poll returns: see run().
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release();
        }
    };
    /** While this instance holds the commands partition: the producer of its transactions, and the state. */
    private KafkaProducer<String, byte[]> producer;
    private AccountState state;
    private volatile boolean running = true;
    private volatile boolean processing;

    /**
     * @param bootstrapServers the cluster
     * @param clock wall-clock time in epoch milliseconds, for the records' times
     */
    public AccountProcessor(String bootstrapServers, LongSupplier clock) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "insiders-accounts-processor");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        // An instance that died without leaving holds the partition for this long: commands wait that much at most.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** True while this instance holds the commands partition and has its state. */
    public boolean isProcessing() {
        return processing;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.ACCOUNTS_COMMANDS), rebalances);
            while (running) {
                List<ConsumerRecord<String, byte[]>> records = List.copyOf(consumer.poll(Duration.ofMillis(500)).records(
                        new TopicPartition(Topics.ACCOUNTS_COMMANDS, 0)));
                try {
                    if (producer == null && !consumer.assignment().isEmpty()) {
                        takeOver();
                    }
                    for (ConsumerRecord<String, byte[]> record : records) {
                        process(record);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException | IllegalStateException e) {
                    // Fenced by a newer owner, a rebalance during a commit, a broker away: the transaction, if any, was
                    // not committed. Start again from the committed position, with a state read afresh.
                    LOG.warn("the account processor starts again from its last commit: {}", e.toString());
                    rejoin();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("the account processor stopped unexpectedly", e);
            }
        } catch (RuntimeException e) {
            LOG.error("the account processor stopped", e);
        } finally {
            release();
            consumer.close();
        }
    }

    /** Fences the previous owner, then reads every account back from the managers topic. */
    private void takeOver() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "insiders-accounts-processor");
        // A transaction left open by a crash blocks the readers of the managers topic until it times out.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        // Completes or aborts the previous owner's last transaction before returning: the read that follows sees it.
        producer.initTransactions();
        state = readState(bootstrapServers);
        processing = true;
        LOG.info("account processor: took the commands over with {} accounts", state.size());
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(partition, new OffsetAndMetadata(record.offset() + 1));
        if (state.handled(record.offset())) {
            LOG.debug("account command at offset {} was handled already", record.offset());
            return;
        }
        AccountCommand command;
        try {
            command = AccountsJson.read(record.value(), AccountCommand.class);
        } catch (RuntimeException e) {
            LOG.warn("unreadable account command at offset {}: {}", record.offset(), e.getMessage());
            commit(null, next);
            return;
        }
        CommandResult result = state.decide(command, record.offset(), clock.getAsLong());
        commit(result, next);
        if (result.manager() != null) {
            state.apply(result.manager());
        }
        LOG.info("account command {} {} at offset {}: {}", command.type(), command.correlationId(), record.offset(),
                result.outcome() == CommandResult.Outcome.APPLIED ? result.manager() : result.outcome() + " " + result.errors().keySet());
    }

    /** The change, its result and the consumer's next position, in one transaction. */
    private void commit(CommandResult result, Map<TopicPartition, OffsetAndMetadata> next) {
        producer.beginTransaction();
        try {
            if (result != null && result.manager() != null) {
                producer.send(new ProducerRecord<>(Topics.ACCOUNTS_MANAGERS, Long.toString(result.manager().id()),
                        AccountsJson.write(result.manager())));
            }
            if (result != null) {
                producer.send(new ProducerRecord<>(Topics.ACCOUNTS_RESULTS, result.correlationId(), AccountsJson.write(result)));
            }
            producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // Fenced or broken: the transaction is abandoned and the broker aborts it.
            }
            throw e;
        }
    }

    /** Leaves the partition to the group's next choice, and asks for it again. */
    private void rejoin() {
        release();
        consumer.unsubscribe();
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        consumer.subscribe(List.of(Topics.ACCOUNTS_COMMANDS), rebalances);
    }

    private void release() {
        processing = false;
        state = null;
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.debug("closing the account processor's producer: {}", e.toString());
            }
            producer = null;
        }
    }

    /** Every account on the managers topic, as committed, up to its end now. */
    static AccountState readState(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "insiders-accounts-processor-state");
        AccountState state = new AccountState();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TopicPartitions.of(reader, Topics.ACCOUNTS_MANAGERS, Duration.ofSeconds(60));
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        try {
                            state.apply(AccountsJson.read(record.value(), Manager.class));
                        } catch (RuntimeException e) {
                            LOG.warn("unreadable manager record at offset {}: {}", record.offset(), e.getMessage());
                        }
                    }
                }
            }
        }
        return state;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
