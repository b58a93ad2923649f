package io.insiders.api.throttling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles the API: each client has a token bucket of its rate (an authenticated user the user rate,
 * any other client the anonymous rate, per address), refilled smoothly over the rate's period. A
 * request that finds the bucket empty is answered 429, with {@code Retry-After} in whole seconds and
 * Django REST Framework's body {@code {"detail": "Request was throttled. Expected available in N seconds."}},
 * and never reaches the API.
 *
 * <p>Buckets live in a bounded cache. A bucket untouched for its longest period is full again, so
 * forgetting it then loses nothing; past {@code max-clients} the least recently seen clients are
 * forgotten early, which can only let them through sooner, never lock one out.
 *
 * <p>Only paths under {@code /api/v1/} are throttled, except the exempt ones (the OpenAPI document and
 * its browsable page).
 */
public final class ThrottleFilter extends OncePerRequestFilter {

    /** The paths this filter applies to. */
    public static final String API_PREFIX = "/api/v1/";

    private static final Logger LOG = LoggerFactory.getLogger(ThrottleFilter.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final ThrottlingProperties properties;
    private final ClientKeyResolver keys;
    private final List<String> exemptPrefixes;
    private final TimeMeter clock;
    private final Cache<ClientKey, Bucket> buckets;

    /**
     * @param exemptPrefixes paths under {@link #API_PREFIX} that are never throttled, each matching itself and what lies below it
     * @param clock the time the buckets refill by, and the cache forgets by ({@link TimeMeter#SYSTEM_NANOTIME} outside tests)
     */
    public ThrottleFilter(ThrottlingProperties properties, ClientKeyResolver keys, List<String> exemptPrefixes, TimeMeter clock) {
        this.properties = properties;
        this.keys = keys;
        this.exemptPrefixes = List.copyOf(exemptPrefixes);
        this.clock = clock;
        Duration idle = max(properties.anonymousRate().period(), properties.userRate().period());
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(idle)
                .ticker(clock::currentTimeNanos)
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!properties.enabled()) {
            return true;
        }
        String path = path(request);
        return !path.startsWith(API_PREFIX) || exemptPrefixes.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (admit(request, response)) {
            chain.doFilter(request, response);
        }
    }

    /**
     * Counts a request that the security filter chain refuses before this filter sees it (wrong
     * credentials, no credentials for a restricted operation, an operation not permitted): such requests
     * spend their client's allowance too, or a flood of them (guessing passwords, each checked against
     * its hash) would never be throttled. Past the allowance the answer is 429 instead of the refusal.
     *
     * @return true if the refusal may be answered; false if this has answered 429
     */
    public boolean admitRefused(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return shouldNotFilter(request) || admit(request, response);
    }

    /** Takes a token from the client's bucket, or answers 429 and returns false. */
    private boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ClientKey key = keys.resolve(request);
        ConsumptionProbe probe = buckets.get(key, this::newBucket).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        long seconds = retryAfterSeconds(probe.getNanosToWaitForRefill());
        LOG.debug("throttled {} {} for {} ({} s)", request.getMethod(), request.getRequestURI(), key, seconds);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = ("{\"detail\":\"" + message(seconds) + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return false;
    }

    /** The text of a 429's {@code detail}, as Django REST Framework words it. */
    public static String message(long seconds) {
        return "Request was throttled. Expected available in " + seconds + " seconds.";
    }

    /** A wait in whole seconds, rounded up so that a client that waits that long finds a token; at least 1. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    /** How many clients have a bucket now (after the cache's pending evictions). */
    long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(ClientKey key) {
        Rate rate = key.user() ? properties.userRate() : properties.anonymousRate();
        // Greedy refill: tokens come back one by one over the period rather than all at its end, so a
        // client that spent its burst waits for one request's share of the period, not for the whole of it.
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.requests()).refillGreedy(rate.requests(), rate.period()))
                .withCustomTimePrecision(clock)
                .build();
    }

    /**
     * The path within the application, as the container decoded and normalized it: the same path the
     * filter's URL pattern was matched against, so that {@code ..} or encoded characters cannot make a
     * request look exempt.
     */
    private static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + pathInfo;
        if (path.isEmpty()) {
            path = request.getRequestURI().substring(request.getContextPath().length());
        }
        return path;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
