package io.insiders.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An HTTP load, closed or open loop. Closed (the default): each connection sends its next GET as soon as the
 * previous one is answered, for a duration after a warm-up; used where {@code wrk} is missing, and for the data
 * list's pages (one connection, the latency of every request). Open ({@code --rate}): the GETs are sent on a
 * fixed schedule, spread over the connections, and each latency is counted from the time the request was due,
 * not from when a busy connection got round to sending it, so that a stall shows in every request it delayed
 * (what wrk2 calls correcting for coordinated omission). That is the latency a client sees at a given load. The
 * open loop sends through {@link PlainHttpConnection}s, light enough for the generator to keep its schedule on the
 * cores it shares with the server; the closed loop through Java's {@code HttpClient}.
 */
@Command(name = "http-load", mixinStandardHelpOptions = true,
        description = "GETs a URL in a closed loop; prints requests/s, latency percentiles and non-2xx answers.")
final class HttpLoad implements Callable<Integer> {

    @Option(names = "--url", required = true)
    String url;

    @Option(names = "--user")
    String user;

    @Option(names = "--password")
    String password;

    @Option(names = "--connections", defaultValue = "8")
    int connections;

    @Option(names = "--warmup-s", defaultValue = "5")
    long warmupSeconds;

    @Option(names = "--duration-s", defaultValue = "20")
    long durationSeconds;

    @Option(names = "--requests", defaultValue = "0", description = "Stop each connection after this many measured requests.")
    long requests;

    @Option(names = "--rate", defaultValue = "0",
            description = "Requests per second on a fixed schedule (open loop); 0 for a closed loop.")
    double rate;

    @Override
    public Integer call() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * 1_000_000_000L;
        long stopAt = measureFrom + durationSeconds * 1_000_000_000L;
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] counts = new long[connections];
        for (int c = 0; c < connections; c++) {
            long[][] mine = {new long[1 << 16]};
            int index = c;
            // Open loop: connection c sends its k-th request at start + (c + k * connections) / rate.
            long intervalNanos = rate > 0 ? (long) (connections * 1e9 / rate) : 0;
            long firstDue = start + (rate > 0 ? (long) (c * 1e9 / rate) : 0);
            Thread thread = new Thread(() -> {
                PlainHttpConnection connection = intervalNanos > 0 ? new PlainHttpConnection(URI.create(url), authorization) : null;
                int n = 0;
                long due = firstDue;
                while (System.nanoTime() < stopAt && (requests == 0 || n < requests)) {
                    if (intervalNanos > 0) {
                        waitUntil(due);
                    }
                    long sent = intervalNanos > 0 ? due : System.nanoTime();
                    due += intervalNanos;
                    try {
                        int status;
                        long body;
                        if (connection != null) {
                            status = connection.get();
                            body = connection.bodyBytes();
                        } else {
                            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            status = response.statusCode();
                            body = response.body().length;
                        }
                        long answered = System.nanoTime();
                        if (sent < measureFrom) {
                            continue;
                        }
                        if (status / 100 != 2) {
                            failures.incrementAndGet();
                        }
                        bytes.addAndGet(body);
                        if (n == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], n * 2);
                        }
                        mine[0][n++] = answered - sent;
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
                if (connection != null) {
                    connection.close();
                }
                counts[index] = n;
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], n));
                }
            }, "load-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long measuredEnd = Math.min(System.nanoTime(), stopAt);
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (firstFailure.get() != null) {
            // On stderr: the scripts read stdout's key=value lines.
            System.err.println("the first failed request: " + firstFailure.get());
        }
        if (all.length == 0) {
            System.out.println("requests=0");
            return 1;
        }
        double seconds = requests > 0 ? (System.nanoTime() - measureFrom) / 1e9 : (measuredEnd - measureFrom) / 1e9;
        System.out.printf("requests=%d%n", all.length);
        System.out.printf("non_2xx=%d%n", failures.get());
        System.out.printf("req_per_s=%.0f%n", all.length / seconds);
        System.out.printf("p50_ms=%.2f%n", percentile(all, 0.50));
        System.out.printf("p99_ms=%.2f%n", percentile(all, 0.99));
        System.out.printf("p999_ms=%.2f%n", percentile(all, 0.999));
        System.out.printf("max_ms=%.2f%n", all[all.length - 1] / 1e6);
        System.out.printf("bytes_per_answer=%d%n", bytes.get() / all.length);
        return 0;
    }

    private static void waitUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    static double percentile(long[] sortedNanos, double p) {
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
