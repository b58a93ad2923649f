package io.insiders.api.operability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.insiders.api.ApiClient;
import io.insiders.api.InsidersApplication;
import io.insiders.api.TestKafka;
import io.insiders.api.TestPorts;
import io.insiders.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance's start and stop as a load balancer sees them: health is not UP before the stores answer
 * queries, and a stop lets the requests in flight finish while it takes no new ones.
 */
class LifecycleTest {

    private static final long DEVICE_ID = 62;
    private static final String DEVICE = "864475041000062";

    @Test
    void healthIsUpOnlyOnceTheStoresAnswerAndAStopFinishesTheRequestsInFlight() throws Exception {
        TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(DEVICE_ID)),
                utf8("{\"id\": " + DEVICE_ID + ", \"device_name\": \"" + DEVICE + "\", \"serial_number\": \"sn-62\"}"));
        int port = TestPorts.freePort();
        ApiClient api = new ApiClient(port);
        CompletableFuture<ConfigurableApplicationContext> starting = CompletableFuture.supplyAsync(() -> start(port));

        // From the moment the port opens, health is polled; the first UP must find the stores answering.
        List<Integer> statuses = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try {
                statuses.add(api.get("/actuator/health").statusCode());
            } catch (RuntimeException e) {
                return false; // not listening yet
            }
            return statuses.get(statuses.size() - 1) == 200;
        });
        ConfigurableApplicationContext app = starting.get(60, TimeUnit.SECONDS);
        try {
            // A device query is not refused for want of a store (503): the device is known (400 "no data"), or not yet (404).
            HttpResponse<String> query = api.get("/api/v1/devices/" + DEVICE_ID + "/preprocessed-data/latest-timestamp/");
            assertThat(query.statusCode()).as(query.body()).isNotEqualTo(503).isLessThan(500);
            assertThat(statuses).as("health before UP").contains(503);

            inFlightRequestFinishesDuringTheStop(app, port);
        } finally {
            app.close();
        }
    }

    /**
     * A request whose body is half sent when the stop begins: the stop waits for it, its answer comes
     * whole, and meanwhile the instance takes no new connection.
     */
    private static void inFlightRequestFinishesDuringTheStop(ConfigurableApplicationContext app, int port) throws Exception {
        String body = "{\"username\": \"nobody@example.com\", \"password\": \"not-the-password\"}";
        byte[] bytes = utf8(body);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(utf8("POST /api/v1/auth/token/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n"));
            out.write(bytes, 0, 10);
            out.flush();
            Thread.sleep(300);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> refusesConnections(port));
            assertThat(stopping).isNotDone();

            out.write(bytes, 10, bytes.length - 10);
            out.flush();
            String answer = readAll(socket.getInputStream());
            // Unknown credentials: a 400 with its reason, whole, from an instance that is stopping.
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Unable to log in with provided credentials.");
            stopping.get(60, TimeUnit.SECONDS);
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket probe = new Socket("localhost", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static ConfigurableApplicationContext start(int port) {
        try {
            Path data = Files.createTempDirectory("insiders-lifecycle-");
            return new SpringApplicationBuilder(InsidersApplication.class).run(
                    "--server.port=" + port,
                    "--insiders.streams.advertised-url=http://localhost:" + port,
                    "--insiders.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                    "--insiders.kafka.data-dir=" + data,
                    "--insiders.kafka.partitions=3",
                    "--insiders.streams.application-id=lifecycle-" + UUID.randomUUID(),
                    "--spring.main.banner-mode=off");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
