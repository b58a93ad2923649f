package io.insiders.api.commands;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.insiders.ingest.kafka.TopicPartitions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 * The API's side of a {@link SerialCommandProcessor}: writes a command, then waits for its result
 * (read from the results topic, which every instance follows from its end) for a bounded time. A
 * result is committed with the change it reports, so once it is here the change is on the state
 * topics too.
 */
public final class CommandChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandChannel.class);

    private final CommandTopics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> results;
    private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;

    public CommandChannel(String bootstrapServers, CommandTopics topics) {
        this.topics = topics;
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-commands");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-results");
        this.results = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, topics.clientId() + "-results");
        reader.setDaemon(true);
    }

    /** Starts following the results, from their end now: returns once the position is taken, so no later result is missed. */
    public void start(Duration timeout) throws InterruptedException {
        reader.start();
        if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("the results on {} are not followed yet after {}", topics.results(), timeout);
        }
    }

    /**
     * Writes the command and waits for its result.
     *
     * @param correlationId the id the result will be keyed by
     * @param command the command's bytes
     * @param description what the log calls the command (never a secret)
     * @param busy what the client is told when it cannot be answered in time
     * @return the result's bytes
     * @throws CommandsUnavailableException when the command cannot be written, or its result does not come in time
     */
    public byte[] execute(String correlationId, byte[] command, String description, Duration timeout, String busy) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        waiting.put(correlationId, result);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            producer.send(new ProducerRecord<>(topics.commands(), 0, correlationId, command)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandsUnavailableException(busy, "interrupted while waiting for " + description, e);
        } catch (TimeoutException e) {
            throw new CommandsUnavailableException(busy, "no result for " + description + " within " + timeout, e);
        } catch (ExecutionException | KafkaException e) {
            throw new CommandsUnavailableException(busy, "cannot write " + description + ": " + e.getMessage(), e);
        } finally {
            waiting.remove(correlationId);
        }
    }

    private void read() {
        try {
            List<TopicPartition> partitions = TopicPartitions.of(results, topics.results(), Duration.ofMinutes(5));
            results.assign(partitions);
            results.seekToEnd(partitions);
            // The seek is lazy: asking the position makes it now, before anyone writes a command.
            partitions.forEach(results::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(500))) {
                    CompletableFuture<byte[]> future = record.key() == null ? null : waiting.get(record.key());
                    if (future != null && record.value() != null) {
                        future.complete(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the results on {} stopped being read", topics.results(), e);
        } finally {
            results.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (reader.getState() == Thread.State.NEW) {
            // Never started: the reader never took the consumer over.
            results.close();
        } else {
            results.wakeup();
            reader.join(10_000);
        }
        producer.close(Duration.ofSeconds(5));
    }
}
