package io.insiders.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.insiders.api.TestKafka;
import io.insiders.api.kafka.HangingTransactions.OpenTransaction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {

    private static final TopicPartition PARTITION = new TopicPartition("__consumer_offsets", 1);
    private static final OpenTransaction OPEN = new OpenTransaction(PARTITION, 6, 38, 6, 212);

    private static TransactionDescription coordinator(TransactionState state, int epoch, Set<TopicPartition> partitions) {
        return new TransactionDescription(1, state, 6, epoch, 10_000, OptionalLong.empty(), partitions);
    }

    @Test
    void aTransactionItsCoordinatorHasEndedIsHanging() {
        // As seen after a SIGKILL: the coordinator has the producer at a later epoch, with nothing open.
        assertThat(HangingTransactions.isHanging(OPEN, Optional.of(coordinator(TransactionState.EMPTY, 40, Set.of())))).isTrue();
        assertThat(HangingTransactions.isHanging(OPEN, Optional.of(coordinator(TransactionState.COMPLETE_COMMIT, 39, Set.of()))))
                .isTrue();
    }

    @Test
    void aTransactionItsCoordinatorDoesNotKnowIsHanging() {
        assertThat(HangingTransactions.isHanging(OPEN, Optional.empty())).isTrue();
        assertThat(HangingTransactions.isHanging(OPEN, Optional.of(coordinator(TransactionState.ONGOING, 38,
                Set.of(new TopicPartition("insiders.frames.enriched", 1)))))).isTrue();
        assertThat(HangingTransactions.isHanging(OPEN, Optional.of(coordinator(TransactionState.ONGOING, 41, Set.of(PARTITION)))))
                .isTrue();
    }

    @Test
    void aTransactionInProgressAtItsCoordinatorIsNotHanging() {
        for (TransactionState state : List.of(TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT)) {
            assertThat(HangingTransactions.isHanging(OPEN, Optional.of(coordinator(state, 38, Set.of(PARTITION))))).isFalse();
        }
    }

    @Test
    void anOpenTransactionOnARealBrokerIsLeftAloneAndCommits() throws Exception {
        try (KafkaClusterTestKit cluster = TestKafka.startCluster();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            String topic = "insiders.hanging-test";
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hanging-test"), new StringSerializer(), new StringSerializer());
                 HangingTransactions watchdog = new HangingTransactions(cluster.bootstrapServers(), name -> name.equals(topic),
                         Duration.ZERO, Duration.ofMinutes(1), () -> System.currentTimeMillis() + 1_000)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, "key", "open")).get();

                // Open on the partition, and older than the minimum age: only its coordinator's answer keeps it.
                assertThat(watchdog.abortHanging()).isEmpty();

                producer.commitTransaction();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.assign(List.of(new TopicPartition(topic, 0)));
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(10));
                assertThat(records.count()).isEqualTo(1);
                assertThat(records.iterator().next().value()).isEqualTo("open");
            }
        }
    }
}
