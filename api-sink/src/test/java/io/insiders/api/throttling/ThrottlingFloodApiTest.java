package io.insiders.api.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.insiders.api.ApiClient;
import io.insiders.api.InsidersApplication;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Throttling holds under a flood: many threads at once, from one address and as one user, get no more
 * than the rate's allowance through (the bucket is shared, never raced past), the rest is 429 with
 * Retry-After, nothing is a server error, and another user flooding alongside keeps his own allowance.
 */
@SpringBootTest(classes = InsidersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"insiders.throttling.anonymous-rate=30/hour", "insiders.throttling.user-rate=40/hour",
                // Each guess is checked against the hash before it is counted: a cheap hash keeps this flood short.
                "insiders.security.bcrypt-strength=4"})
class ThrottlingFloodApiTest {

    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 20;

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @Test
    void aFloodGetsNoMoreThanItsAllowance() throws Exception {
        ApiClient anonymous = new ApiClient(port);
        // Registered before the flood (each registration is an anonymous request: 2 of the address's 30).
        TestAccounts.Credentials manager = TestAccounts.register(context, anonymous);
        ApiClient first = anonymous.withBasic(manager.username(), manager.password());
        ApiClient second = TestAccounts.authenticated(context, anonymous);
        // Guessing the first manager's password: refused requests, each checked against the hash, from the same address.
        ApiClient guessing = anonymous.withBasic(manager.username(), "guess-" + manager.password());

        Map<ApiClient, Map<Integer, AtomicInteger>> statuses = flood(List.of(anonymous, guessing, first, second));

        // 30 an hour refill one every 2 minutes: the flood (seconds long) gets the allowance and nothing more. The
        // address's allowance is shared by its anonymous requests and its wrong credentials.
        assertThat(passed(statuses.get(anonymous)) + passed(statuses.get(guessing))).isEqualTo(30 - 2);
        assertThat(statuses.get(guessing).keySet()).isSubsetOf(403, 429).contains(429);
        assertThat(passed(statuses.get(first))).isEqualTo(40);
        assertThat(passed(statuses.get(second))).isEqualTo(40);
        for (Map<Integer, AtomicInteger> byStatus : statuses.values()) {
            assertThat(byStatus.keySet()).allSatisfy(status -> assertThat(status).isLessThan(500));
            assertThat(byStatus.get(429).get()).isEqualTo(THREADS * REQUESTS_PER_THREAD - passed(byStatus));
        }
        HttpResponse<String> throttled = first.get("/api/v1/me/");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        // Health is never throttled: a load balancer keeps seeing the instance.
        assertThat(anonymous.get("/actuator/health").statusCode()).isIn(200, 503);
    }

    /** Every client's requests, {@value #THREADS} threads each, all at once; the count of each status, by client. */
    private static Map<ApiClient, Map<Integer, AtomicInteger>> flood(List<ApiClient> clients) throws Exception {
        Map<ApiClient, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS * clients.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (ApiClient client : clients) {
                Map<Integer, AtomicInteger> byStatus = statuses.computeIfAbsent(client, c -> new ConcurrentHashMap<>());
                for (int t = 0; t < THREADS; t++) {
                    running.add(pool.submit(() -> {
                        for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                            int status = client.get("/api/v1/me/").statusCode();
                            byStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        }
                    }));
                }
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return statuses;
    }

    private static int passed(Map<Integer, AtomicInteger> byStatus) {
        return byStatus.entrySet().stream().filter(e -> e.getKey() != 429).mapToInt(e -> e.getValue().get()).sum();
    }
}
