package io.insiders.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.insiders.api.streams.StoreScope;
import io.insiders.api.web.ApiExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing decisions one request at a time, with the group's placement given by the test, a
 * plain HTTP server standing for the other instance, and a controller that shows the scope it got.
 */
class RoutingInterceptorTest {

    private static final HostInfo SELF = new HostInfo("localhost", 1);
    private static final String PATH = "/api/v1/devices/12/preprocessed-data/latest-timestamp/";
    private static final Duration STORE_WAIT = Duration.ofMillis(400);

    private final AtomicReference<Optional<DevicePlacement>> placement = new AtomicReference<>(Optional.empty());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer remote;
    private HostInfo remoteHost;
    private HostInfo deadHost;
    private MockMvc mvc;

    /** A request the stand-in instance received. */
    private record Received(String method, URI uri, Headers headers) {
    }

    /** Shows whether it ran here, and with which scope. */
    @RestController
    static final class ProbeController {
        @GetMapping(value = "/api/v1/devices/{device}/preprocessed-data/latest-timestamp/", produces = MediaType.TEXT_PLAIN_VALUE)
        String probe(@PathVariable("device") String device) {
            return "here " + device + " " + StoreScope.current().map(s -> s.partition() + "/" + s.staleAllowed()).orElse("unscoped");
        }
    }

    @BeforeEach
    void start() throws IOException {
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders()));
            byte[] body = "{\"detail\":\"from the other instance\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", "7");
            exchange.getResponseHeaders().add(RoutingHeaders.INSTANCE, "other:2");
            exchange.getResponseHeaders().add(RoutingHeaders.SERVED_BY, RoutingHeaders.ACTIVE);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        remote.start();
        remoteHost = new HostInfo("127.0.0.1", remote.getAddress().getPort());
        try (ServerSocket socket = new ServerSocket(0)) {
            // Closed at once: connections to it are refused, as to an instance that stopped.
            deadHost = new HostInfo("127.0.0.1", socket.getLocalPort());
        }
        RoutingInterceptor interceptor = new RoutingInterceptor(id -> "12".equals(id) ? Optional.of("dev-12") : Optional.empty(),
                name -> placement.get(), new RequestForwarder("http", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(200)),
                SELF, STORE_WAIT, 2);
        mvc = MockMvcBuilders.standaloneSetup(new ProbeController())
                .addMappedInterceptors(new String[] {RoutingInterceptor.ROUTED_PATHS}, interceptor)
                .setControllerAdvice(new ApiExceptionHandler()).build();
    }

    @AfterEach
    void stop() {
        remote.stop(0);
    }

    @Test
    void theActiveInstanceAnswersItselfWithItsReadsPinnedToTheDevicesPartition() throws Exception {
        placement.set(Optional.of(new DevicePlacement(3, Optional.of(SELF), Set.of(remoteHost))));

        MockHttpServletResponse response = perform(get(PATH));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("here 12 3/false");
        assertThat(response.getHeader(RoutingHeaders.SERVED_BY)).isEqualTo("active");
        assertThat(response.getHeader(RoutingHeaders.INSTANCE)).isEqualTo("localhost:1");
        assertThat(received).isEmpty();
    }

    @Test
    void anotherInstancesDeviceIsForwardedWithItsHeadersAndItsAnswerPassedBack() throws Exception {
        placement.set(Optional.of(new DevicePlacement(3, Optional.of(remoteHost), Set.of())));

        MockHttpServletResponse response = perform(get(URI.create(PATH + "?start=2021-05-29T00:00:00%2B0000&limit=5"))
                .header("Authorization", "Token abc").header("X-Request-Id", "r-1").header("Connection", "close"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("7");
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).isEqualTo("{\"detail\":\"from the other instance\"}");
        assertThat(response.getHeader(RoutingHeaders.INSTANCE)).isEqualTo("other:2");
        assertThat(response.getHeader(RoutingHeaders.SERVED_BY)).isEqualTo("active");
        assertThat(response.getHeaderNames()).contains("Retry-After", "X-Insiders-Served-By").doesNotContain("Transfer-Encoding");

        assertThat(received).hasSize(1);
        Received forwarded = received.get(0);
        assertThat(forwarded.method()).isEqualTo("GET");
        assertThat(forwarded.uri().getRawPath()).isEqualTo(PATH);
        assertThat(forwarded.uri().getRawQuery()).isEqualTo("start=2021-05-29T00:00:00%2B0000&limit=5");
        assertThat(forwarded.headers().getFirst("Authorization")).isEqualTo("Token abc");
        assertThat(forwarded.headers().getFirst("X-Request-Id")).isEqualTo("r-1");
        assertThat(forwarded.headers().getFirst(RoutingHeaders.HOPS)).isEqualTo("1");
        assertThat(forwarded.headers().getFirst("X-Forwarded-For")).isNotBlank();
        assertThat(forwarded.headers().containsKey(RoutingHeaders.SERVE_FROM)).isFalse();
    }

    @Test
    void aRequestForwardedTwiceAlreadyIsAnswered503RatherThanForwardedAgain() throws Exception {
        placement.set(Optional.of(new DevicePlacement(3, Optional.of(remoteHost), Set.of())));

        MockHttpServletResponse once = perform(get(PATH).header(RoutingHeaders.HOPS, "1"));
        assertThat(once.getStatus()).isEqualTo(503);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).headers().getFirst(RoutingHeaders.HOPS)).isEqualTo("2");

        long started = System.nanoTime();
        MockHttpServletResponse twice = perform(get(PATH).header(RoutingHeaders.HOPS, "2"));

        assertThat(twice.getStatus()).isEqualTo(503);
        assertThat(twice.getHeader("Retry-After")).isEqualTo("1");
        assertThat(twice.getContentAsString()).contains("try again in 1 seconds");
        assertThat(twice.getHeader(RoutingHeaders.INSTANCE)).isEqualTo("localhost:1");
        assertThat(received).hasSize(1);
        // No waiting either: the instances disagree, and the client is better off retrying.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STORE_WAIT);
    }

    @Test
    void withoutTheGroupsMetadataARequestWaitsTheStoreWaitThenAnswers503WithRetryAfter() throws Exception {
        placement.set(Optional.empty());

        long started = System.nanoTime();
        MockHttpServletResponse response = perform(get(PATH));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString()).startsWith("{\"detail\":");
        assertThat(took).isBetween(STORE_WAIT, STORE_WAIT.plusSeconds(2));
    }

    @Test
    void theMetadataArrivingWithinTheWaitIsUsed() throws Exception {
        placement.set(Optional.empty());
        Thread later = new Thread(() -> {
            sleep(150);
            placement.set(Optional.of(new DevicePlacement(5, Optional.of(SELF), Set.of())));
        });
        later.start();

        MockHttpServletResponse response = perform(get(PATH));
        later.join();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("here 12 5/false");
    }

    @Test
    void whenTheActiveIsAwayThisInstancesStandbyCopyAnswersAndSaysSo() throws Exception {
        placement.set(Optional.of(new DevicePlacement(2, Optional.of(deadHost), Set.of(SELF))));

        MockHttpServletResponse response = perform(get(PATH));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("here 12 2/true");
        assertThat(response.getHeader(RoutingHeaders.SERVED_BY)).isEqualTo("standby");
        assertThat(response.getHeader(RoutingHeaders.INSTANCE)).isEqualTo("localhost:1");
    }

    @Test
    void whenTheActiveIsAwayAnotherInstancesStandbyIsAskedForItsCopy() throws Exception {
        placement.set(Optional.of(new DevicePlacement(2, Optional.of(deadHost), Set.of(remoteHost))));

        MockHttpServletResponse response = perform(get(PATH));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader(RoutingHeaders.INSTANCE)).isEqualTo("other:2");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).headers().getFirst(RoutingHeaders.SERVE_FROM)).isEqualTo("standby");
    }

    @Test
    void whenNoCopyCanBeReachedTheAnswerIs503WithRetryAfterWithinTheWait() throws Exception {
        placement.set(Optional.of(new DevicePlacement(2, Optional.of(deadHost), Set.of())));

        long started = System.nanoTime();
        MockHttpServletResponse response = perform(get(PATH));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STORE_WAIT.plusSeconds(2));
    }

    @Test
    void anInstanceAskedForItsStandbyCopyAnswersFromItAndNeverForwards() throws Exception {
        placement.set(Optional.of(new DevicePlacement(4, Optional.of(remoteHost), Set.of(SELF))));

        MockHttpServletResponse response = perform(get(PATH).header(RoutingHeaders.SERVE_FROM, "standby").header(RoutingHeaders.HOPS, "1"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("here 12 4/true");
        assertThat(response.getHeader(RoutingHeaders.SERVED_BY)).isEqualTo("standby");
        assertThat(received).isEmpty();
    }

    @Test
    void anUnknownDeviceIsLeftToTheController() throws Exception {
        placement.set(Optional.of(new DevicePlacement(3, Optional.of(remoteHost), Set.of())));

        MockHttpServletResponse response = perform(get("/api/v1/devices/999/preprocessed-data/latest-timestamp/"));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).isEqualTo("here 999 unscoped");
        assertThat(response.getHeader(RoutingHeaders.SERVED_BY)).isNull();
        assertThat(received).isEmpty();
    }

    @Test
    void anInstanceThatDidNotAnswerIsSkippedForAWhileThenTriedAgain() throws Exception {
        RequestForwarder forwarder = new RequestForwarder("http", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofMillis(300));
        RoutedRequest request = new RoutedRequest("GET", PATH, List.of(), new byte[0]);

        assertThat(forwarder.forward(request, deadHost, 1, false)).isEmpty();
        assertThat(forwarder.isAway(deadHost)).isTrue();
        assertThat(forwarder.isAway(remoteHost)).isFalse();
        Thread.sleep(400);
        assertThat(forwarder.isAway(deadHost)).isFalse();
        assertThat(forwarder.forward(request, remoteHost, 1, false))
                .hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(503));
    }

    @Test
    void headerNamesOfForwardedAnswersAreSpelledAsLocalOnes() {
        assertThat(ForwardedAnswer.canonical("x-insiders-served-by")).isEqualTo("X-Insiders-Served-By");
        assertThat(ForwardedAnswer.canonical("retry-after")).isEqualTo("Retry-After");
        assertThat(ForwardedAnswer.canonical("CONTENT-TYPE")).isEqualTo("Content-Type");
    }

    @Test
    void hopCountsFromClientsAreReadDefensively() {
        assertThat(RoutingInterceptor.hops(request(Map.of()))).isZero();
        assertThat(RoutingInterceptor.hops(request(Map.of(RoutingHeaders.HOPS, "2")))).isEqualTo(2);
        assertThat(RoutingInterceptor.hops(request(Map.of(RoutingHeaders.HOPS, "-1")))).isZero();
        assertThat(RoutingInterceptor.hops(request(Map.of(RoutingHeaders.HOPS, "99999999999")))).isZero();
    }

    private static MockHttpServletRequest request(Map<String, String> headers) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        headers.forEach(request::addHeader);
        return request;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
