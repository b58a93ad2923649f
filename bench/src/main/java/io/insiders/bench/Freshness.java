package io.insiders.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Freshness: the time from sending a frame to Kafka until the API's {@code latest-timestamp/} of its device
 * answers that frame's time. A probe device of its own is provisioned first and taken through the API; each probe
 * frame is stamped with the current time, sent, then the endpoint is polled every {@code --poll-ms} until it shows
 * the frame.
 */
@Command(name = "freshness", mixinStandardHelpOptions = true,
        description = "Sends probe frames and polls latest-timestamp/ until each shows; prints latency percentiles.")
final class Freshness implements Callable<Integer> {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":(\\d+)");

    @Option(names = "--bootstrap-servers", required = true)
    String bootstrapServers;

    @Option(names = "--api", required = true, description = "Base URL, e.g. http://localhost:8280")
    String api;

    @Option(names = "--user", required = true)
    String user;

    @Option(names = "--password", required = true)
    String password;

    @Option(names = "--device-id", defaultValue = "900001")
    long deviceId;

    @Option(names = "--probes", defaultValue = "300")
    int probes;

    @Option(names = "--warm-up-probes", defaultValue = "20",
            description = "Probes sent first and not counted: the probe's own producer fetching metadata, and the API's "
                    + "request path before the JIT compiled it, are not the pipeline's freshness.")
    int warmUpProbes;

    @Option(names = "--pause-ms", defaultValue = "100", description = "Pause between a probe seen and the next one.")
    long pauseMs;

    @Option(names = "--poll-ms", defaultValue = "2")
    long pollMs;

    @Option(names = "--trace", description = "Also writes each counted probe to this file (CSV: probe, sent at in epoch ms, "
            + "ms until the broker acknowledged it, ms until latest-timestamp/ showed it, the slowest answer of its polls in "
            + "ms), to set slow probes against the application's log.")
    Path trace;

    @Override
    public Integer call() throws Exception {
        String device = String.format("%015d", 999_000_000_000_000L + deviceId);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v1/devices/" + deviceId
                        + "/preprocessed-data/latest-timestamp/"))
                .header("Authorization", basicAuthorization())
                .timeout(Duration.ofSeconds(10)).GET().build();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            String record = String.format("{\"id\": %d, \"device_name\": \"%s\", \"serial_number\": "
                    + "\"00000000-0000-0000-0000-%012d\", \"device_type\": \"probe\", \"firmware_version\": \"1.0.0\"}",
                    deviceId, device, deviceId);
            producer.send(new ProducerRecord<>("insiders.devices.provisioning", Long.toString(deviceId),
                    record.getBytes(StandardCharsets.UTF_8))).get();
            takeOwnership(client, String.format("00000000-0000-0000-0000-%012d", deviceId));
            long[] latencies = new long[probes];
            long[] acknowledged = new long[probes];
            long[] sentAt = new long[probes];
            long[] slowestAnswer = new long[probes];
            int lost = 0;
            long previous = 0;
            long warmUpMax = 0;
            int warmUpLost = 0;
            for (int n = 0; n < warmUpProbes + probes; n++) {
                int i = n - warmUpProbes;
                long time = Math.max(System.currentTimeMillis(), previous + 1);
                previous = time;
                Frame frame = new Frame(device, time, 48.8412, 2.2530, 35.0, 1.5, time, 120);
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>("insiders.frames.raw", device, Serdes.frame().serializer().serialize(null, frame)),
                        (metadata, error) -> {
                            if (i >= 0 && error == null) {
                                acknowledged[i] = System.nanoTime() - sent;
                            }
                        });
                if (i >= 0) {
                    sentAt[i] = time;
                }
                long giveUp = sent + 30_000_000_000L;
                long seen = 0;
                long slowest = 0;
                while (System.nanoTime() < giveUp) {
                    long asked = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    slowest = Math.max(slowest, System.nanoTime() - asked);
                    Matcher matcher = TIMESTAMP.matcher(response.body());
                    if (response.statusCode() == 200 && matcher.find() && Long.parseLong(matcher.group(1)) >= time) {
                        seen = System.nanoTime();
                        break;
                    }
                    Thread.sleep(pollMs);
                }
                if (seen == 0 && n == 0) {
                    // Not a slow pipeline but a probe that cannot work (refused, unknown device): 300 probes would take hours.
                    HttpResponse<String> last = client.send(request, HttpResponse.BodyHandlers.ofString());
                    System.err.printf("the first probe never showed in 30 s; latest-timestamp/ answers %d %s%n",
                            last.statusCode(), last.body());
                    return 2;
                }
                if (i < 0 && seen == 0) {
                    warmUpLost++;
                } else if (i < 0) {
                    warmUpMax = Math.max(warmUpMax, seen - sent);
                } else if (seen == 0) {
                    lost++;
                    latencies[i] = Long.MAX_VALUE;
                } else {
                    latencies[i] = seen - sent;
                }
                if (i >= 0) {
                    slowestAnswer[i] = slowest;
                }
                Thread.sleep(pauseMs);
            }
            producer.flush();
            if (trace != null) {
                writeTrace(sentAt, acknowledged, latencies, slowestAnswer);
            }
            long[] acks = acknowledged.clone();
            Arrays.sort(acks);
            StringBuilder slow = new StringBuilder();
            for (int i = 0; i < probes; i++) {
                if (latencies[i] > 250_000_000L) {
                    slow.append(slow.length() == 0 ? "" : ",").append(i);
                }
            }
            Arrays.sort(latencies);
            System.out.printf("probes=%d%n", probes);
            System.out.printf("warm_up_probes=%d%n", warmUpProbes);
            System.out.printf("warm_up_max_ms=%.1f%n", warmUpMax / 1e6);
            System.out.printf("warm_up_not_seen_in_30s=%d%n", warmUpLost);
            System.out.printf("not_seen_in_30s=%d%n", lost);
            System.out.printf("p50_ms=%.1f%n", HttpLoad.percentile(latencies, 0.50));
            System.out.printf("p99_ms=%.1f%n", HttpLoad.percentile(latencies, 0.99));
            System.out.printf("max_seen_ms=%.1f%n", latencies[probes - 1 - lost] / 1e6);
            // The broker's acknowledgement of the probe frame: at most the part of the latency before the pipeline could read it.
            System.out.printf("ack_p50_ms=%.1f%n", HttpLoad.percentile(acks, 0.50));
            System.out.printf("ack_p99_ms=%.1f%n", HttpLoad.percentile(acks, 0.99));
            // Which probes (by their rank in time) took longer than 250 ms: a stall shows as a run of them.
            System.out.printf("slower_than_250ms=%s%n", slow.length() == 0 ? "none" : slow);
            return lost == 0 ? 0 : 1;
        }
    }

    private void writeTrace(long[] sentAt, long[] acknowledged, long[] latencies, long[] slowestAnswer) throws IOException {
        StringBuilder csv = new StringBuilder("probe,sent_epoch_ms,ack_ms,seen_ms,slowest_answer_ms\n");
        for (int i = 0; i < probes; i++) {
            csv.append(i).append(',').append(sentAt[i]).append(',')
                    .append(String.format(Locale.ROOT, "%.1f,%s,%.1f%n", acknowledged[i] / 1e6,
                            latencies[i] == Long.MAX_VALUE ? "" : String.format(Locale.ROOT, "%.1f", latencies[i] / 1e6),
                            slowestAnswer[i] / 1e6));
        }
        Files.writeString(trace, csv);
    }

    /**
     * Takes the probe device as its manager would (the API's take-ownership, which starts now: the probes are stamped
     * after it), once the registry knows the device.
     */
    private void takeOwnership(HttpClient client, String serialNumber) throws IOException, InterruptedException {
        HttpRequest take = HttpRequest.newBuilder(URI.create(api + "/api/v1/devices/take-ownership/"))
                .header("Authorization", basicAuthorization())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"serial_number\": \"" + serialNumber + "\"}")).build();
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            response = client.send(take, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("could not take the probe device: " + response.statusCode() + " " + response.body());
    }

    private String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
