import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.insiders.ingest.uploads.Job;
import io.insiders.ingest.uploads.JobState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The client side of the reliability scripts (bench/reliability/*.sh), run as a single source file on the
 * application jar's classes:
 *
 * <pre>
 * provision BOOTSTRAP FIRST_ID COUNT                       the devices FIRST_ID.., named 86447504100 + id on 15 digits
 * publish BOOTSTRAP FIRST_ID COUNT FRAMES BASE RATE       FRAMES JSON frames per device from BASE (epoch ms), 10 a second
 *                                                          each, at most RATE a second in all; waits for every acknowledgement,
 *                                                          retrying through broker outages (idempotent producer)
 * check BOOTSTRAP API USER PASSWORD FIRST_ID COUNT FRAMES BASE ASI_FIRST_ID ASI_COUNT
 *                                                          every live frame once on insiders.frames.enriched and in the
 *                                                          stores (through the API); every upload job ended; each ASI file's
 *                                                          frames once per successful job on the topic, once in the stores
 * </pre>
 *
 * Exits 0 when every check holds, 1 otherwise, printing what it found.
 */
public final class ReliabilityCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "provision" -> provision(args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]));
            case "publish" -> publish(args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Long.parseLong(args[5]), Integer.parseInt(args[6]));
            case "check" -> System.exit(check(args) ? 0 : 1);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static String name(long id) {
        return "86447504100" + String.format("%04d", id);
    }

    private static void provision(String bootstrap, long first, int count) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (long id = first; id < first + count; id++) {
                producer.send(new ProducerRecord<>("insiders.devices.provisioning", utf8(Long.toString(id)), utf8("{\"id\": " + id
                        + ", \"device_name\": \"" + name(id) + "\", \"serial_number\": \"sn-" + id + "\"}"))).get();
            }
        }
        System.out.println("provisioned " + count + " devices from " + first);
    }

    private static void publish(String bootstrap, long first, int count, int frames, long base, int rate) throws Exception {
        AtomicLong failed = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        long started = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int k = 0; k < frames; k++) {
                for (long id = first; id < first + count; id++) {
                    long time = base + k * 100L;
                    String json = "{\"device_name\": \"" + name(id) + "\", \"timestamp\": " + time + ", \"gnss.latitude\": "
                            + (48.8412 + k * 1e-6) + ", \"gnss.longitude\": 2.253, \"gnss.speed\": 1.5, \"ecg.hr\": 120}";
                    producer.send(new ProducerRecord<>("insiders.frames.json", utf8(name(id)), utf8(json)), (metadata, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            System.err.println("not acknowledged: " + e);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
                    sent++;
                    long ahead = sent * 1_000_000_000L / rate - (System.nanoTime() - started);
                    if (ahead > 1_000_000) {
                        Thread.sleep(ahead / 1_000_000);
                    }
                }
            }
            producer.flush();
        }
        System.out.println("published " + sent + " frames, acknowledged " + acknowledged.get() + ", failed " + failed.get()
                + ", in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        if (failed.get() > 0) {
            System.exit(1);
        }
    }

    private static boolean check(String[] args) throws Exception {
        String bootstrap = args[1];
        String api = args[2];
        String authorization = "Basic " + Base64.getEncoder().encodeToString(utf8(args[3] + ":" + args[4]));
        long first = Long.parseLong(args[5]);
        int count = Integer.parseInt(args[6]);
        int frames = Integer.parseInt(args[7]);
        long base = Long.parseLong(args[8]);
        long asiFirst = Long.parseLong(args[9]);
        int asiCount = Integer.parseInt(args[10]);
        boolean ok = true;

        Map<String, Map<Long, Integer>> enriched = readTimes(bootstrap, "insiders.frames.enriched");
        Map<String, Job> jobs = readJobs(bootstrap);
        long deadLetters = count(bootstrap, "insiders.frames.dead-letter");

        // Live frames: each once on the topic, all in the stores.
        int missing = 0;
        int duplicated = 0;
        for (long id = first; id < first + count; id++) {
            Map<Long, Integer> times = enriched.getOrDefault(name(id), Map.of());
            for (int k = 0; k < frames; k++) {
                int copies = times.getOrDefault(base + k * 100L, 0);
                missing += copies == 0 ? 1 : 0;
                duplicated += copies > 1 ? copies - 1 : 0;
            }
        }
        System.out.printf("live frames: %d expected, %d missing on the enriched topic, %d duplicated%n", count * frames, missing,
                duplicated);
        ok &= missing == 0 && duplicated == 0;
        int wrongCounts = 0;
        for (long id = first; id < first + count; id++) {
            long stored = storedCount(api, authorization, id, base - 1, base + frames * 100L);
            if (stored != frames) {
                wrongCounts++;
                System.out.printf("  device %d: %d frames in the stores, %d expected%n", id, stored, frames);
            }
        }
        System.out.printf("live devices whose stores do not hold exactly their frames: %d of %d%n", wrongCounts, count);
        ok &= wrongCounts == 0;

        // Upload jobs: all ended; each file's frames once per successful job on the topic, once in the stores.
        Map<JobState, Integer> states = new TreeMap<>();
        jobs.values().forEach(job -> states.merge(job.state(), 1, Integer::sum));
        System.out.println("upload jobs by state: " + states + "; jobs interrupted by a kill and resumed (attempts > 1): "
                + jobs.values().stream().filter(job -> job.attempts() > 1).count());
        ok &= jobs.values().stream().allMatch(job -> job.state().isFinal());
        for (long id = asiFirst; id < asiFirst + asiCount; id++) {
            long device = id;
            List<Job> succeeded = jobs.values().stream().filter(j -> j.deviceId() == device && j.state() == JobState.SUCCESS).toList();
            Map<Long, Integer> times = enriched.getOrDefault(name(id), Map.of());
            int fileFrames = succeeded.isEmpty() ? 0 : ((Number) succeeded.get(0).details().get("frames")).intValue();
            long wrongCopies = times.values().stream().filter(copies -> copies != succeeded.size()).count();
            long first0 = times.keySet().stream().mapToLong(Long::longValue).min().orElse(0);
            long last = times.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            long stored = times.isEmpty() ? 0 : storedCount(api, authorization, id, first0 - 1, last + 1);
            System.out.printf("ASI device %d: %d successful job(s) of %d frames; %d distinct times on the topic, %d with a count"
                    + " other than the jobs'; %d in the stores%n", id, succeeded.size(), fileFrames, times.size(), wrongCopies, stored);
            ok &= !succeeded.isEmpty() && times.size() == fileFrames && wrongCopies == 0 && stored == fileFrames;
        }
        System.out.println("dead letters: " + deadLetters);
        ok &= deadLetters == 0;
        System.out.println(ok ? "CHECK PASSED" : "CHECK FAILED");
        return ok;
    }

    /** The frames of a device between two times in the stores, by the data listing's count (a fresh snapshot each call). */
    private static long storedCount(String api, String authorization, long device, long start, long stop) throws Exception {
        String path = api + "/api/v1/devices/" + device + "/preprocessed-data/?start=" + start + "&stop=" + stop + "&limit=1";
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                String body = response.body();
                int at = body.indexOf("\"count\":") + 8;
                return Long.parseLong(body.substring(at, body.indexOf(',', at)));
            }
            if (response.statusCode() == 400) {
                return 0; // no data
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("no answer for device " + device);
    }

    private static Map<String, Map<Long, Integer>> readTimes(String bootstrap, String topic) {
        Map<String, Map<Long, Integer>> times = new HashMap<>();
        readAll(bootstrap, topic, record -> times.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8), d -> new HashMap<>())
                .merge(record.timestamp(), 1, Integer::sum));
        return times;
    }

    private static Map<String, Job> readJobs(String bootstrap) {
        Map<String, Job> jobs = new HashMap<>();
        readAll(bootstrap, "insiders.jobs", record -> {
            if (record.value() != null) {
                Job job = Job.fromJson(record.value());
                jobs.put(job.jobId(), job);
            }
        });
        return jobs;
    }

    private static long count(String bootstrap, String topic) {
        long[] count = {0};
        readAll(bootstrap, topic, record -> count[0]++);
        return count[0];
    }

    /** Every committed record of the topic, to its end. */
    private static void readAll(String bootstrap, String topic, java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-check-" + UUID.randomUUID());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(action);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Keep retrying while the broker is down (it is killed with the application): a frame is sent once, acknowledged once.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
