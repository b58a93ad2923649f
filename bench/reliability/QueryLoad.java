import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keyed queries for the instance-loss script, run as a single source file:
 *
 * <pre>
 * load URLS USER PASSWORD FIRST_ID COUNT SECONDS THREADS OUT   latest-timestamp queries of random devices, round robin over
 *                                                             URLS (comma-separated); writes a summary and every failure
 * answers URLS USER PASSWORD FIRST_ID COUNT OUT               each device's latest timestamp and newest frames, from
 *                                                             every instance in URLS; fails if two instances disagree
 * </pre>
 */
public final class QueryLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        List<String> urls = List.of(args[1].split(","));
        String authorization = "Basic " + Base64.getEncoder().encodeToString((args[2] + ":" + args[3]).getBytes(StandardCharsets.UTF_8));
        long first = Long.parseLong(args[4]);
        int count = Integer.parseInt(args[5]);
        switch (args[0]) {
            case "load" -> load(urls, authorization, first, count, Integer.parseInt(args[6]), Integer.parseInt(args[7]), Path.of(args[8]));
            case "answers" -> System.exit(answers(urls, authorization, first, count, Path.of(args[6])) ? 0 : 1);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void load(List<String> urls, String authorization, long first, int count, int seconds, int threads, Path out)
            throws Exception {
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong slow = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom(thread);
                long i = thread;
                while (System.nanoTime() < end) {
                    long device = first + random.nextInt(count);
                    String url = urls.get((int) (i++ % urls.size())) + "/api/v1/devices/" + device + "/preprocessed-data/latest-timestamp/";
                    long started = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                        outcome = response.statusCode() == 200 ? null : response.statusCode() + " " + response.body();
                        servedBy.computeIfAbsent(response.headers().firstValue("X-Insiders-Served-By").orElse("none"), k -> new AtomicLong())
                                .incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        outcome = e.toString();
                    }
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    latencies.add(millis);
                    requests.incrementAndGet();
                    if (millis > 2000) {
                        slow.incrementAndGet();
                        failed.add(java.time.Instant.now() + " " + url + " " + millis + " ms: slow, "
                                + (outcome == null ? "answered 200" : "failed"));
                    }
                    if (outcome != null) {
                        failures.incrementAndGet();
                        failed.add(java.time.Instant.now() + " " + url + " " + millis + " ms: " + outcome);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        String summary = String.format("requests=%d failures=%d failure_rate=%.4f%% over_2s=%d p50_ms=%d p99_ms=%d p999_ms=%d max_ms=%d served_by=%s",
                requests.get(), failures.get(), 100.0 * failures.get() / Math.max(1, requests.get()), slow.get(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                new TreeMap<>(servedBy));
        Files.writeString(out, summary + "\n" + String.join("\n", failed) + "\n");
        System.out.println(summary);
    }

    private static long percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Every device's answers from every instance; true if all instances agree. Writes them to OUT. */
    private static boolean answers(List<String> urls, String authorization, long first, int count, Path out) throws Exception {
        List<String> lines = new ArrayList<>();
        boolean agree = true;
        for (long device = first; device < first + count; device++) {
            String seen = null;
            for (String url : urls) {
                String answer = get(url + "/api/v1/devices/" + device + "/preprocessed-data/latest-timestamp/", authorization)
                        + " " + get(url + "/api/v1/devices/" + device + "/preprocessed-data/latest/?size=3", authorization);
                if (seen == null) {
                    seen = answer;
                    lines.add(device + " " + answer);
                } else if (!seen.equals(answer)) {
                    agree = false;
                    System.out.println("device " + device + ": " + url + " answers " + answer + ", another " + seen);
                }
            }
        }
        Files.writeString(out, String.join("\n", lines) + "\n");
        System.out.println("answers of " + count + " devices from " + urls.size() + " instances" + (agree ? ", all agreeing" : ", NOT agreeing"));
        return agree;
    }

    private static String get(String url, String authorization) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 503 || attempt > 20) {
                return response.statusCode() + " " + response.body();
            }
            Thread.sleep(1000);
        }
    }
}
