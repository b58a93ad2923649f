package io.insiders.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * What the security rests on: every operation of the API but the open ones refuses an anonymous
 * caller, and a plain password is never in the application's logs nor in any record of any topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "insiders.security.bcrypt-strength=4")
class ApiSecurityTest {

    private static final Set<String> OPEN = Set.of("POST /api/v1/managers/", "POST /api/v1/auth/token/");

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @Test
    void everyOperationButRegistrationAndTokensRefusesAnAnonymousCaller() {
        ApiClient anonymous = new ApiClient(port);
        Set<String> checked = new TreeSet<>();
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/") || pattern.startsWith("/api/v1/schema/") || pattern.startsWith("/api/v1/docs/")) {
                    continue;
                }
                String path = pattern.replace("{job}", "job-00000000-0000-0000-0000-000000000000").replaceAll("\\{[^}]+}", "1");
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String operation = method + " " + pattern;
                    if (OPEN.contains(operation)) {
                        continue;
                    }
                    HttpResponse<String> response = anonymous.sendJson(method.name(), path, "{}");
                    assertThat(response.statusCode()).as(operation).isEqualTo(403);
                    assertThat(response.body()).as(operation).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
                    checked.add(operation);
                }
            }
        }
        assertThat(checked).contains("GET /api/v1/me/", "GET /api/v1/managers/{manager}/", "PUT /api/v1/managers/{manager}/password/",
                "GET /api/v1/jobs/{job}/", "POST /api/v1/devices/{device}/asi/");
        // The open ones, and what lies outside the API, need no credentials.
        assertThat(anonymous.postJson("/api/v1/auth/token/", "{}").statusCode()).isEqualTo(400);
        assertThat(anonymous.postJson("/api/v1/managers/", "{}").statusCode()).isEqualTo(400);
        assertThat(anonymous.get("/api/v1/schema/").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").statusCode()).isIn(200, 503);
        assertThat(anonymous.get("/actuator/prometheus").statusCode()).isEqualTo(200);
    }

    @Test
    void aPlainPasswordIsNeverLoggedNorWrittenToKafka() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Map<String, Level> levels = new HashMap<>();
        // Everything the application and its frameworks say, down to the debug logs that print request bodies.
        for (String name : List.of("io.insiders", "org.springframework", "org.apache.catalina", "org.apache.coyote",
                "org.apache.tomcat", "org.apache.kafka.clients", "jakarta.mail", "org.eclipse.angus")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        root.addAppender(logs);
        String generated;
        String chosen = "Unlikely-Chosen-Secret-77";
        try {
            ApiClient anonymous = new ApiClient(port);
            TestAccounts.Credentials manager = TestAccounts.register(context, anonymous);
            generated = manager.password();
            ApiClient basic = anonymous.withBasic(manager.username(), generated);
            assertThat(basic.get("/api/v1/me/").statusCode()).isEqualTo(200);
            assertThat(anonymous.postJson("/api/v1/auth/token/", "{\"username\": \"" + manager.username() + "\", \"password\": \""
                    + generated + "\"}").statusCode()).isEqualTo(200);
            assertThat(basic.putJson("/api/v1/managers/" + manager.id() + "/password/", "{\"password\": \"" + chosen + "\"}")
                    .statusCode()).isEqualTo(204);
            assertThat(anonymous.withBasic(manager.username(), chosen).get("/api/v1/me/").statusCode()).isEqualTo(200);
            assertThat(anonymous.withBasic(manager.username(), generated).get("/api/v1/me/").statusCode()).isEqualTo(403);
        } finally {
            root.detachAppender(logs);
            levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        }

        StringBuilder logged = new StringBuilder();
        for (ILoggingEvent event : logs.list) {
            logged.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                logged.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        assertThat(logs.list).as("the debug logs were captured").hasSizeGreaterThan(20);
        assertThat(logged.toString()).contains("JSON body (not shown)").doesNotContain(generated).doesNotContain(chosen);

        List<String> secrets = List.of(generated, chosen);
        long records = scanEveryTopic(secrets);
        assertThat(records).isPositive();
    }

    /** Reads every record of every topic (internal ones included) from the start, and fails on any that holds a secret. */
    private static long scanEveryTopic(List<String> secrets) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(config)) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(description -> description.partitions()
                    .forEach(p -> partitions.add(new TopicPartition(description.name(), p.partition()))));
        }
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        long count = 0;
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, bytes, bytes)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime() - deadline).as("every topic read within 2 minutes").isNegative();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    count++;
                    for (String secret : secrets) {
                        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
                        assertThat(contains(record.key(), secret)).as(where + " key").isFalse();
                        assertThat(contains(record.value(), secret)).as(where + " value").isFalse();
                        for (Header header : record.headers()) {
                            assertThat(contains(header.value(), secret)).as(where + " header " + header.key()).isFalse();
                        }
                    }
                }
            }
        }
        return count;
    }

    private static boolean contains(byte[] bytes, String text) {
        if (bytes == null) {
            return false;
        }
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
