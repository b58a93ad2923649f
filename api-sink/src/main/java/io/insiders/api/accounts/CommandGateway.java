package io.insiders.api.accounts;

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
import io.insiders.schemas.Topics;
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
 * The API's side of the account commands: writes a command, then waits for the processor's result
 * (read from {@code insiders.accounts.results}, which every instance follows from its end) for a
 * bounded time. A result is committed with the change it reports, so once it is here the change is
 * on the managers topic too.
 */
public final class CommandGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandGateway.class);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> results;
    private final Map<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private volatile boolean running = true;

    public CommandGateway(String bootstrapServers) {
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "insiders-accounts-commands");
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
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "insiders-accounts-results");
        this.results = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "insiders-accounts-results");
        reader.setDaemon(true);
    }

    /** Starts following the results, from their end now: returns once the position is taken, so no later result is missed. */
    public void start(Duration timeout) throws InterruptedException {
        reader.start();
        if (!positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("the account results are not followed yet after {}", timeout);
        }
    }

    /**
     * Writes the command and waits for its result.
     *
     * @throws AccountsUnavailableException when the command cannot be written, or its result does not come in time (it
     *     may still be applied later)
     */
    public CommandResult execute(AccountCommand command, Duration timeout) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        waiting.put(command.correlationId(), result);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            producer.send(new ProducerRecord<>(Topics.ACCOUNTS_COMMANDS, 0, command.correlationId(), AccountsJson.write(command)))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccountsUnavailableException("interrupted while waiting for " + command, e);
        } catch (TimeoutException e) {
            throw new AccountsUnavailableException("no result for " + command + " within " + timeout, e);
        } catch (ExecutionException | KafkaException e) {
            throw new AccountsUnavailableException("cannot write " + command + ": " + e.getMessage(), e);
        } finally {
            waiting.remove(command.correlationId());
        }
    }

    private void read() {
        try {
            List<TopicPartition> partitions = TopicPartitions.of(results, Topics.ACCOUNTS_RESULTS, Duration.ofMinutes(5));
            results.assign(partitions);
            results.seekToEnd(partitions);
            // The seek is lazy: asking the position makes it now, before anyone writes a command.
            partitions.forEach(results::position);
            positioned.countDown();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(500))) {
                    CompletableFuture<CommandResult> future = record.key() == null ? null : waiting.get(record.key());
                    if (future != null && record.value() != null) {
                        try {
                            future.complete(AccountsJson.read(record.value(), CommandResult.class));
                        } catch (RuntimeException e) {
                            future.completeExceptionally(e);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the account results stopped being read", e);
        } finally {
            results.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (!reader.isAlive() && reader.getState() == Thread.State.NEW) {
            // Never started: the reader never took the consumer over.
            results.close();
        } else {
            results.wakeup();
            reader.join(10_000);
        }
        producer.close(Duration.ofSeconds(5));
    }
}
