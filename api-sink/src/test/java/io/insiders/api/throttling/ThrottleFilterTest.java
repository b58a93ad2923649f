package io.insiders.api.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The throttle on its own, on a clock the test moves. */
class ThrottleFilterTest {

    private static final String DEVICE_PATH = "/api/v1/devices/12/preprocessed-data/latest-timestamp/";
    private static final List<String> EXEMPT = List.of("/api/v1/schema/", "/api/v1/docs/");

    private final FakeClock clock = new FakeClock();

    @Test
    void pastItsRateAClientIsAnswered429WithRetryAfterAndTheBodyOfDjangoRestFramework() throws Exception {
        ThrottleFilter filter = filter("3/minute", "1000/minute");
        for (int i = 0; i < 3; i++) {
            assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isTrue();
        }

        Call throttled = call(filter, "10.0.0.1", DEVICE_PATH);

        assertThat(throttled.passed()).isFalse();
        assertThat(throttled.response().getStatus()).isEqualTo(429);
        // 3 a minute come back one every 20 seconds.
        assertThat(throttled.response().getHeader("Retry-After")).isEqualTo("20");
        assertThat(throttled.response().getContentType()).isEqualTo("application/json");
        assertThat(throttled.response().getContentAsString())
                .isEqualTo("{\"detail\":\"Request was throttled. Expected available in 20 seconds.\"}");
    }

    @Test
    void anotherClientIsNotAffected() throws Exception {
        ThrottleFilter filter = filter("2/minute", "1000/minute");
        call(filter, "10.0.0.1", DEVICE_PATH);
        call(filter, "10.0.0.1", DEVICE_PATH);
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isFalse();

        assertThat(call(filter, "10.0.0.2", DEVICE_PATH).passed()).isTrue();
        assertThat(call(filter, "10.0.0.2", "/api/v1/jobs/job-1/").passed()).isTrue();
        assertThat(call(filter, "10.0.0.2", DEVICE_PATH).passed()).isFalse();
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isFalse();
    }

    @Test
    void everyPathOfTheApiCountsAgainstTheSameBucket() throws Exception {
        ThrottleFilter filter = filter("2/minute", "1000/minute");
        call(filter, "10.0.0.1", DEVICE_PATH);
        call(filter, "10.0.0.1", "/api/v1/jobs/job-1/");
        assertThat(call(filter, "10.0.0.1", "/api/v1/no-such-thing/").passed()).isFalse();
    }

    @Test
    void theWaitIsRoundedUpToWholeSecondsAndTheTokensComeBackOverThePeriod() throws Exception {
        ThrottleFilter filter = filter("3/minute", "1000/minute");
        for (int i = 0; i < 3; i++) {
            call(filter, "10.0.0.1", DEVICE_PATH);
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).response().getHeader("Retry-After")).isEqualTo("20");
        clock.advance(Duration.ofMillis(10_600));
        Call later = call(filter, "10.0.0.1", DEVICE_PATH);
        assertThat(later.response().getHeader("Retry-After")).isEqualTo("9");
        assertThat(later.response().getContentAsString()).contains("Expected available in 9 seconds.");

        clock.advance(Duration.ofSeconds(9));
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isTrue();
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isFalse();
    }

    @Test
    void aWaitShorterThanASecondIsAnsweredAsOneSecond() throws Exception {
        ThrottleFilter filter = filter("100/second", "1000/second");
        for (int i = 0; i < 100; i++) {
            call(filter, "10.0.0.1", DEVICE_PATH);
        }
        Call throttled = call(filter, "10.0.0.1", DEVICE_PATH);
        assertThat(throttled.response().getStatus()).isEqualTo(429);
        assertThat(throttled.response().getHeader("Retry-After")).isEqualTo("1");
        assertThat(ThrottleFilter.retryAfterSeconds(0)).isEqualTo(1);
        assertThat(ThrottleFilter.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(ThrottleFilter.retryAfterSeconds(1_000_000_000L)).isEqualTo(1);
        assertThat(ThrottleFilter.retryAfterSeconds(1_000_000_001L)).isEqualTo(2);
    }

    @Test
    void anAuthenticatedUserHasTheUserRateWhateverHisAddress() throws Exception {
        ThrottleFilter filter = filter("1/minute", "3/minute");
        for (int i = 0; i < 3; i++) {
            assertThat(callAs(filter, "jon.doe@example.com", "10.0.0." + i).passed()).isTrue();
        }
        Call throttled = callAs(filter, "jon.doe@example.com", "10.0.0.9");
        assertThat(throttled.response().getStatus()).isEqualTo(429);
        assertThat(throttled.response().getHeader("Retry-After")).isEqualTo("20");

        // His addresses keep their own anonymous allowance, and another user his own.
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isTrue();
        assertThat(callAs(filter, "jane.roe@example.com", "10.0.0.1").passed()).isTrue();
    }

    @Test
    void anAuthorizationHeaderThatNoAuthenticationCheckedNamesNobody() throws Exception {
        ThrottleFilter filter = filter("1/minute", "1000/minute");
        MockHttpServletRequest request = request("10.0.0.1", DEVICE_PATH);
        request.addHeader("Authorization", "Token abc");
        assertThat(run(filter, request).passed()).isTrue();

        MockHttpServletRequest another = request("10.0.0.1", DEVICE_PATH);
        another.addHeader("Authorization", "Token def");
        assertThat(run(filter, another).passed()).isFalse();
    }

    @Test
    void theDocumentTheDocsPageAndWhatLiesOutsideTheApiAreNeverThrottled() throws Exception {
        ThrottleFilter filter = filter("1/minute", "1000/minute");
        call(filter, "10.0.0.1", DEVICE_PATH);
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isFalse();

        for (int i = 0; i < 5; i++) {
            assertThat(call(filter, "10.0.0.1", "/api/v1/schema/").passed()).isTrue();
            assertThat(call(filter, "10.0.0.1", "/api/v1/docs/").passed()).isTrue();
            assertThat(call(filter, "10.0.0.1", "/api/v1/docs/swagger-ui/index.html").passed()).isTrue();
            assertThat(call(filter, "10.0.0.1", "/actuator/health").passed()).isTrue();
        }
        // Near misses are the API's.
        assertThat(call(filter, "10.0.0.1", "/api/v1/schemas/").passed()).isFalse();
    }

    @Test
    void disabledItLetsEverythingThrough() throws Exception {
        ThrottleFilter filter = new ThrottleFilter(new ThrottlingProperties(false, Rate.parse("1/day"), Rate.parse("1/day"), 10),
                new PrincipalOrAddressKeyResolver(), EXEMPT, clock);
        for (int i = 0; i < 50; i++) {
            assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isTrue();
        }
    }

    @Test
    void aClientIdleForAWholePeriodIsForgottenAndComesBackWithAFullBucket() throws Exception {
        ThrottleFilter filter = filter("2/minute", "4/hour");
        call(filter, "10.0.0.1", DEVICE_PATH);
        call(filter, "10.0.0.2", DEVICE_PATH);
        assertThat(filter.trackedClients()).isEqualTo(2);

        // The longest period of the two rates: a user's bucket idle for less than an hour is not full yet.
        clock.advance(Duration.ofMinutes(59));
        assertThat(filter.trackedClients()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(2));
        assertThat(filter.trackedClients()).isZero();

        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isTrue();
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isTrue();
        assertThat(call(filter, "10.0.0.1", DEVICE_PATH).passed()).isFalse();
    }

    @Test
    void theCacheIsBounded() throws Exception {
        ThrottleFilter filter = new ThrottleFilter(new ThrottlingProperties(true, Rate.parse("1/minute"), Rate.parse("1/minute"), 100),
                new PrincipalOrAddressKeyResolver(), EXEMPT, clock);
        for (int i = 0; i < 1000; i++) {
            call(filter, "10.0." + i / 256 + "." + i % 256, DEVICE_PATH);
        }
        assertThat(filter.trackedClients()).isLessThanOrEqualTo(100);
    }

    @Test
    void theExemptPathsComeFromSpringdocsSettings() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("springdoc.api-docs.path", "/api/v1/schema/")
                .withProperty("springdoc.swagger-ui.path", "/api/v1/docs/");
        assertThat(ThrottlingConfiguration.exemptPrefixes(environment)).containsExactly("/api/v1/schema/", "/api/v1/docs/");

        // springdoc's defaults lie outside the API; a prefix that is the whole API exempts nothing.
        assertThat(ThrottlingConfiguration.exemptPrefixes(new MockEnvironment())).isEmpty();
        assertThat(ThrottlingConfiguration.exemptPrefixes(new MockEnvironment()
                .withProperty("springdoc.swagger-ui.path", "/api/v1/index.html"))).isEmpty();
    }

    private ThrottleFilter filter(String anonymousRate, String userRate) {
        return new ThrottleFilter(new ThrottlingProperties(true, Rate.parse(anonymousRate), Rate.parse(userRate), 1000),
                new PrincipalOrAddressKeyResolver(), EXEMPT, clock);
    }

    private static Call call(ThrottleFilter filter, String address, String path) throws Exception {
        return run(filter, request(address, path));
    }

    private static Call callAs(ThrottleFilter filter, String user, String address) throws Exception {
        MockHttpServletRequest request = request(address, DEVICE_PATH);
        request.setUserPrincipal(() -> user);
        return run(filter, request);
    }

    private static MockHttpServletRequest request(String address, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        request.setRemoteAddr(address);
        return request;
    }

    private static Call run(ThrottleFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Call(chain.getRequest() != null, response);
    }

    private record Call(boolean passed, MockHttpServletResponse response) {
    }

    /** A nanosecond clock for the buckets and the cache, moved by hand. */
    private static final class FakeClock implements TimeMeter {

        private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
