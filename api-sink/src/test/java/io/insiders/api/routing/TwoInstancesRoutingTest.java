package io.insiders.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.insiders.api.ApiClient;
import io.insiders.api.InsidersApplication;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.TestOwnership;
import io.insiders.api.TestPorts;
import io.insiders.api.streams.StreamsRuntime;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances in this JVM, one group, one broker: every device answers the same from
 * either instance (the one that does not hold it forwards), from a standby copy while the holder's
 * HTTP server is away, and from the survivor once the other instance has left. No answer is ever a
 * 500, and every 503 says when to retry.
 */
class TwoInstancesRoutingTest {

    private static final int DEVICES = 20;
    private static final long FIRST_ID = 700;
    private static final Duration MOVE = Duration.ofSeconds(40);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** The instances share the key of their tokens, as a deployment's instances must: a token travels with a forwarded request. */
    private static final String TOKEN_SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();

    /** A broker of its own: these topics need 6 partitions, and other tests' applications must not see these frames. */
    private static KafkaClusterTestKit cluster;

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    /** Every answer seen, to check none was a 500 and every 503 had a Retry-After. */
    private final ConcurrentLinkedQueue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
    /** The answers seen once every device had answered: the data was there, so each is either right or a 503. */
    private final ConcurrentLinkedQueue<HttpResponse<String>> answersWithData = new ConcurrentLinkedQueue<>();
    private volatile boolean dataEverywhere;

    /** The credentials each instance is asked with, by port: a manager's, HTTP Basic on one, a token on the other. */
    private final Map<Integer, String> authorizations = new ConcurrentHashMap<>();
    /** The manager signed in, who owns the devices. */
    private volatile long managerId;

    /** One application instance under test. */
    private record Instance(String address, int port, ConfigurableApplicationContext context) {

        KafkaStreams streams() {
            return context.getBean(StreamsRuntime.class).streams();
        }
    }

    @BeforeAll
    static void startBroker() {
        cluster = TestKafka.startCluster();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        cluster.close();
    }

    @AfterEach
    void stopInstances() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void withStandbyReplicasEveryDeviceAnswersTheSameFromEitherInstanceFromAStandbyAndFromTheSurvivor() throws Exception {
        String applicationId = "routing-test-" + UUID.randomUUID();
        Instance first = start(applicationId, 1);
        Instance second = start(applicationId, 1);
        awaitSplit(first, second, true);
        signIn(first, second);
        Map<Long, Long> latest = publish(0, first, second);
        List<Long> secondsDevices = bothAnswerTheSame(first, second, latest);

        // A request forwarded once already may be forwarded again; one forwarded twice is answered 503 at once.
        String path = path(secondsDevices.get(0));
        HttpResponse<String> once = get(first, path, Map.of(RoutingHeaders.HOPS, "1"));
        assertThat(once.statusCode()).isEqualTo(200);
        assertThat(once.headers().firstValue(RoutingHeaders.INSTANCE)).hasValue(second.address());
        HttpResponse<String> twice = get(first, path, Map.of(RoutingHeaders.HOPS, "2"));
        assertThat(twice.statusCode()).isEqualTo(503);
        assertThat(twice.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(twice.headers().firstValue(RoutingHeaders.INSTANCE)).hasValue(first.address());
        assertThat(twice.body()).isEqualTo("{\"detail\":\"The data of this device is being moved or restored; try again in 5 seconds.\"}");

        // The second's HTTP server goes away while its stream processor keeps its partitions: its
        // devices are answered from the first's standby copies, and say so.
        ((WebServerApplicationContext) second.context()).getWebServer().stop();
        for (Map.Entry<Long, Long> device : latest.entrySet()) {
            HttpResponse<String> answer = awaitAnswer(first, device.getKey(), device.getValue(), MOVE);
            assertThat(answer.headers().firstValue(RoutingHeaders.INSTANCE)).hasValue(first.address());
            assertThat(answer.headers().firstValue(RoutingHeaders.SERVED_BY))
                    .hasValue(secondsDevices.contains(device.getKey()) ? "standby" : "active");
        }

        // The second leaves the group: the first takes its partitions over and answers every device as the active.
        second.context().close();
        theSurvivorAnswersEveryDevice(first, latest);
        noAnswerWasAnInternalError();
    }

    @Test
    void withoutStandbyReplicasTheSurvivorRestoresTheLeaversPartitionsAndAnswersEveryDevice() throws Exception {
        String applicationId = "routing-restore-test-" + UUID.randomUUID();
        Instance first = start(applicationId, 0);
        Instance second = start(applicationId, 0);
        awaitSplit(first, second, false);
        signIn(first, second);
        Map<Long, Long> latest = publish(DEVICES, first, second);
        List<Long> firstsDevices = bothAnswerTheSame(second, first, latest);

        // The first leaves: its devices answer 503 with Retry-After, or wait, while the second restores their stores.
        first.context().close();
        theSurvivorAnswersEveryDevice(second, latest);
        assertThat(firstsDevices).isNotEmpty();
        noAnswerWasAnInternalError();
    }

    /**
     * Waits until both instances answer every device with its latest timestamp, from the active copy, each
     * forwarding the devices the other holds; returns the devices that {@code other} holds.
     */
    private List<Long> bothAnswerTheSame(Instance asked, Instance other, Map<Long, Long> latest) {
        for (Instance instance : List.of(asked, other)) {
            for (Map.Entry<Long, Long> device : latest.entrySet()) {
                HttpResponse<String> answer = awaitAnswer(instance, device.getKey(), device.getValue(), Duration.ofSeconds(30));
                assertThat(answer.headers().firstValue(RoutingHeaders.SERVED_BY)).hasValue("active");
            }
        }
        // The other preprocessed-data endpoints are routed the same way: one answer, from the device's instance.
        for (long device : latest.keySet()) {
            String path = "/api/v1/devices/" + device + "/preprocessed-data/latest/";
            HttpResponse<String> fromAsked = get(asked, path, Map.of());
            HttpResponse<String> fromOther = get(other, path, Map.of());
            assertThat(fromAsked.statusCode()).as(fromAsked.body()).isEqualTo(200);
            assertThat(fromAsked.body()).isEqualTo(fromOther.body()).contains(Long.toString(latest.get(device)));
            assertThat(fromAsked.headers().firstValue(RoutingHeaders.INSTANCE))
                    .isEqualTo(fromOther.headers().firstValue(RoutingHeaders.INSTANCE));
        }
        List<Long> othersDevices = answeredElsewhere(asked, latest);
        assertThat(othersDevices).isNotEmpty();
        assertThat(answeredElsewhere(other, latest)).isNotEmpty().doesNotContainAnyElementsOf(othersDevices)
                .hasSize(latest.size() - othersDevices.size());
        dataEverywhere = true;
        return othersDevices;
    }

    private void theSurvivorAnswersEveryDevice(Instance survivor, Map<Long, Long> latest) {
        await().atMost(MOVE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (Map.Entry<Long, Long> device : latest.entrySet()) {
                HttpResponse<String> answer = get(survivor, device.getKey());
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(timestamp(answer)).isEqualTo(device.getValue());
                assertThat(answer.headers().firstValue(RoutingHeaders.SERVED_BY)).hasValue("active");
                assertThat(answer.headers().firstValue(RoutingHeaders.INSTANCE)).hasValue(survivor.address());
            }
        });
    }

    /**
     * No answer was a server error but a 503, every 503 had a Retry-After, and once the data was in,
     * every answer was the data or a 503: never a "no data" from a store that moved away. (Before,
     * a device is unknown for a moment, 404, then without data, 400.)
     */
    private void noAnswerWasAnInternalError() {
        assertThat(answers).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.statusCode()).isNotEqualTo(500).satisfiesAnyOf(
                    status -> assertThat(status).isLessThan(500), status -> assertThat(status).isEqualTo(503));
            if (answer.statusCode() == 503) {
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            }
        });
        assertThat(answersWithData).isNotEmpty().allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 503));
    }

    private Instance start(String applicationId, int standbyReplicas) throws IOException {
        int port = TestPorts.freePort();
        Path data = Files.createTempDirectory("insiders-routing-");
        String address = "localhost:" + port;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(InsidersApplication.class).run(
                "--server.port=" + port,
                "--insiders.streams.advertised-url=http://" + address,
                "--insiders.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--insiders.kafka.data-dir=" + data,
                "--insiders.kafka.partitions=6",
                "--insiders.streams.application-id=" + applicationId,
                "--insiders.streams.standby-replicas=" + standbyReplicas,
                "--insiders.streams.store-wait=5s",
                // This test's polling is one client hammering two instances: not what throttling is for.
                "--insiders.throttling.enabled=false",
                "--insiders.security.token-secret=" + TOKEN_SECRET,
                "--spring.main.banner-mode=off");
        running.add(context);
        return new Instance(address, port, context);
    }

    /**
     * Registers a manager on the first instance, and asks the first with his password (HTTP Basic) and
     * the second with a token the first issued: each instance checks the credentials of a request
     * forwarded to it again, so both kinds must hold on every instance.
     */
    private void signIn(Instance first, Instance second) {
        TestAccounts.Credentials manager = TestAccounts.register(first.context(), new ApiClient(first.port()));
        managerId = manager.id();
        ApiClient basic = new ApiClient(first.port()).withBasic(manager.username(), manager.password());
        authorizations.put(first.port(), basic.authorization());
        HttpResponse<String> token = basic.postJson("/api/v1/auth/token/", "{\"username\": \"" + manager.username()
                + "\", \"password\": \"" + manager.password() + "\"}");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        authorizations.put(second.port(), "Token " + ApiClient.json(token).get("token").asString());
    }

    /** Waits until both instances run and share the partitions, each with standby copies of the other's if {@code standbys}. */
    private static void awaitSplit(Instance first, Instance second, boolean standbys) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (Instance instance : List.of(first, second)) {
                KafkaStreams streams = instance.streams();
                if (streams.state() != KafkaStreams.State.RUNNING) {
                    return false;
                }
                List<ThreadMetadata> threads = List.copyOf(streams.metadataForLocalThreads());
                boolean active = threads.stream().anyMatch(thread -> !thread.activeTasks().isEmpty());
                boolean standby = threads.stream().anyMatch(thread -> !thread.standbyTasks().isEmpty());
                if (!active || standby != standbys || threads.stream().anyMatch(thread -> !"RUNNING".equals(thread.threadState()))) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Provisions the devices, waits until both instances know them (a frame of a device not known yet is
     * refused), then publishes JSON frames for each; returns each device's latest timestamp.
     */
    private Map<Long, Long> publish(int offset, Instance... instances) {
        long now = System.currentTimeMillis();
        Map<Long, String> names = new LinkedHashMap<>();
        for (int i = 0; i < DEVICES; i++) {
            long id = FIRST_ID + offset + i;
            names.put(id, "8644750420" + String.format("%05d", id));
        }
        // The manager owns them since before their data; each instance reads his ownerships from the registry.
        for (long id : names.keySet()) {
            TestOwnership.grantSince(instances[0].context(), id, managerId, now - 3_600_000);
        }
        Map<Long, Long> latest = new LinkedHashMap<>();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            names.forEach((id, name) -> producer.send(new ProducerRecord<>(Topics.DEVICES_PROVISIONING, bytes(Long.toString(id)),
                    bytes("{\"id\": " + id + ", \"device_name\": \"" + name + "\", \"serial_number\": \"sn-" + id
                            + "\", \"device_type\": \"Model X 2000 Series\", \"firmware_version\": \"1.2.3\"}"))));
            producer.flush();
            // Known and owned, without data: 400 rather than 404 (unknown) or 403 (not owned yet as this instance knows).
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                for (Instance instance : instances) {
                    for (long id : names.keySet()) {
                        assertThat(get(instance, id).statusCode()).as("device %d at %s", id, instance.address()).isEqualTo(400);
                    }
                }
            });
            int i = 0;
            for (Map.Entry<Long, String> device : names.entrySet()) {
                String name = device.getValue();
                // Within the last hour, each device at a time of its own, its newest frame not sent last.
                long time = now - 60_000 - i++ * 1_000L;
                for (long t : new long[] {time - 2_000, time, time - 1_000}) {
                    producer.send(new ProducerRecord<>(Topics.FRAMES_JSON, bytes(name), bytes("{\"device_name\": \"" + name
                            + "\", \"timestamp\": " + t + ", \"gnss.latitude\": 48.8412, \"gnss.longitude\": 2.253, \"ecg.hr\": 120}")));
                }
                latest.put(device.getKey(), time);
            }
            producer.flush();
        }
        return latest;
    }

    /** Polls until {@code asked} answers the device's latest timestamp, and returns that answer. */
    private HttpResponse<String> awaitAnswer(Instance asked, long device, long timestamp, Duration atMost) {
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last[0] = get(asked, device);
            assertThat(last[0].statusCode()).as("device %d at %s: %s", device, asked.address(), last[0].body()).isEqualTo(200);
            assertThat(timestamp(last[0])).as("device %d at %s", device, asked.address()).isEqualTo(timestamp);
        });
        return last[0];
    }

    /** The devices whose answer from {@code asked} comes from another instance. */
    private List<Long> answeredElsewhere(Instance asked, Map<Long, Long> latest) {
        List<Long> devices = new ArrayList<>();
        for (long id : latest.keySet()) {
            HttpResponse<String> answer = get(asked, id);
            Optional<String> instance = answer.headers().firstValue(RoutingHeaders.INSTANCE);
            assertThat(instance).isPresent();
            if (!instance.get().equals(asked.address())) {
                devices.add(id);
            }
        }
        return devices;
    }

    private HttpResponse<String> get(Instance asked, long device) {
        return get(asked, path(device), Map.of());
    }

    private HttpResponse<String> get(Instance asked, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + asked.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorizations.get(asked.port()));
        headers.forEach(request::header);
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answers.add(answer);
            if (dataEverywhere) {
                answersWithData.add(answer);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String path(long device) {
        return "/api/v1/devices/" + device + "/preprocessed-data/latest-timestamp/";
    }

    private static long timestamp(HttpResponse<String> answer) {
        return ApiClient.json(answer).get("timestamp").asLong();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
