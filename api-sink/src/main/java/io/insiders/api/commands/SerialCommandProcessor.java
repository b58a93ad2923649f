package io.insiders.api.commands;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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
 * Applies commands one at a time and exactly once: a transactional consume-transform-produce loop
 * over a one-partition commands topic. For each command, the records its {@link CommandHandler}
 * decides (the new state, the result) and the consumer's next position are committed in one
 * transaction: a crash leaves either all of them or none.
 *
 * <p>Every instance runs one; the consumer group gives the partition to one of them at a time. Its
 * transactional id is the same on every instance, so the instance that takes the partition over fences
 * the previous owner and waits for that owner's last transaction to be completed before it reads the
 * state back: nothing the previous owner committed is missed, nothing it left open is seen. Rules
 * that span several commands (a username taken once, one owner per device) hold because one thread in
 * the whole cluster decides them, against a state that holds every earlier decision.
 */
public final class SerialCommandProcessor<S extends CommandHandler.State> implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialCommandProcessor.class);

    private final String bootstrapServers;
    private final CommandTopics topics;
    private final CommandHandler<S> handler;
    private final KafkaConsumer<String, byte[]> consumer;
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
    private S state;
    private volatile boolean running = true;
    private volatile boolean processing;

    public SerialCommandProcessor(String bootstrapServers, CommandTopics topics, CommandHandler<S> handler) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.handler = handler;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topics.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-processor");
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
            consumer.subscribe(List.of(topics.commands()), rebalances);
            while (running) {
                List<ConsumerRecord<String, byte[]>> records = List.copyOf(consumer.poll(Duration.ofMillis(500)).records(
                        new TopicPartition(topics.commands(), 0)));
                try {
                    if (producer == null && !consumer.assignment().isEmpty()) {
                        takeOver();
                    }
                    if (!records.isEmpty()) {
                        process(records);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException | IllegalStateException e) {
                    // Fenced by a newer owner, a rebalance during a commit, a broker away: the transaction, if any, was
                    // not committed. Start again from the committed position, with a state read afresh.
                    LOG.warn("{}: starts again from its last commit: {}", topics.clientId(), e.toString());
                    rejoin();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("{}: stopped unexpectedly", topics.clientId(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: stopped", topics.clientId(), e);
        } finally {
            release();
            consumer.close();
        }
    }

    /** Fences the previous owner, then reads the state back. */
    private void takeOver() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.transactionalId());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-processor");
        // A transaction left open by a crash blocks the readers of the state until it times out.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        // Completes or aborts the previous owner's last transaction before returning: the read that follows sees it.
        producer.initTransactions();
        state = handler.load(bootstrapServers);
        processing = true;
        LOG.info("{}: took the commands over with {} entries", topics.clientId(), state.size());
    }

    /**
     * Applies the commands of one poll in one transaction, in order: each is decided against the state every earlier
     * one left, its records sent, and the state changed at once, so that the next command sees it. With a transaction
     * per command, each command waited for the commit of the one before; commands that come together (a fleet of
     * devices reporting that they started) now commit together, with the consumer's next position. If the
     * transaction fails, none of the batch is committed and the caller reads the state back from its topics.
     */
    private void process(List<ConsumerRecord<String, byte[]>> records) {
        List<Runnable> committed = new ArrayList<>(records.size());
        producer.beginTransaction();
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (state.handled(record.offset())) {
                    LOG.debug("{}: the command at offset {} was handled already", topics.clientId(), record.offset());
                    continue;
                }
                CommandHandler.Decision decision = handler.decide(state, record);
                for (ProducerRecord<String, byte[]> output : decision.records()) {
                    producer.send(output);
                }
                decision.apply().run();
                committed.add(decision.afterCommit());
            }
            ConsumerRecord<String, byte[]> last = records.get(records.size() - 1);
            producer.sendOffsetsToTransaction(Map.of(new TopicPartition(last.topic(), last.partition()),
                    new OffsetAndMetadata(last.offset() + 1)), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (RuntimeException e) {
            // The state may hold some of the batch already: the caller reads it back (or the processor stops).
            try {
                producer.abortTransaction();
            } catch (KafkaException ignored) {
                // Fenced or broken: the transaction is abandoned and the broker aborts it.
            }
            throw e;
        }
        committed.forEach(Runnable::run);
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
        consumer.subscribe(List.of(topics.commands()), rebalances);
    }

    private void release() {
        processing = false;
        state = null;
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.debug("{}: closing the producer: {}", topics.clientId(), e.toString());
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
