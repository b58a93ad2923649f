package io.insiders.api.routing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a client's request on to another instance over HTTP and brings its answer back. An instance
 * that does not accept the connection in time, or does not answer in time, is away: the caller
 * then tries another copy of the device's stores.
 */
public final class RequestForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(RequestForwarder.class);

    private final HttpClient http;
    private final String scheme;
    private final Duration requestTimeout;
    private final long awayNanos;
    /** Instances that did not answer lately, until when: other requests skip them rather than each wait a timeout. */
    private final Map<HostInfo, Long> awayUntil = new ConcurrentHashMap<>();

    /**
     * @param scheme the scheme the instances serve ({@code http} or {@code https}), as in this instance's advertised URL
     * @param connectTimeout the bound on opening a connection
     * @param requestTimeout the bound on the whole exchange
     * @param awayFor how long an instance that did not answer is skipped by later requests
     */
    public RequestForwarder(String scheme, Duration connectTimeout, Duration requestTimeout, Duration awayFor) {
        // HTTP/1.1: an http:// request for HTTP/2 would try an h2c upgrade on every new connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.scheme = scheme;
        this.requestTimeout = requestTimeout;
        this.awayNanos = awayFor.toNanos();
    }

    /** True while {@code instance} is taken to be away, having lately failed to answer. */
    boolean isAway(HostInfo instance) {
        Long until = awayUntil.get(instance);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until > 0) {
            awayUntil.remove(instance, until);
            return false;
        }
        return true;
    }

    /**
     * Sends {@code request} to {@code target} as its {@code hops}-th forward; with {@code fromStandby}
     * the target is asked to answer from its own copy. Empty when the target is away.
     */
    Optional<ForwardedAnswer> forward(RoutedRequest request, HostInfo target, int hops, boolean fromStandby) {
        URI uri = URI.create(scheme + "://" + authority(target) + request.pathAndQuery());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (Map.Entry<String, String> header : request.headers()) {
            try {
                builder.header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException ignored) {
                // A header the HTTP client sets itself, or a value it refuses: the target does without it.
            }
        }
        builder.setHeader(RoutingHeaders.HOPS, Integer.toString(hops));
        if (fromStandby) {
            builder.setHeader(RoutingHeaders.SERVE_FROM, RoutingHeaders.STANDBY);
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            awayUntil.remove(target);
            return Optional.of(new ForwardedAnswer(response.statusCode(), response.headers().map(), response.body()));
        } catch (IOException e) {
            // Refused, timed out, or cut off: the instance is away (stopped, or too slow to count on).
            if (awayUntil.put(target, System.nanoTime() + awayNanos) == null) {
                LOG.warn("instance {} did not answer {} {}: {}; skipping it for {} ms", authority(target), request.method(),
                        request.pathAndQuery(), e.toString(), awayNanos / 1_000_000);
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forwarding to " + authority(target), e);
        }
    }

    /** {@code host:port}, with an IPv6 literal in brackets. */
    static String authority(HostInfo instance) {
        String host = instance.host();
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + instance.port();
    }
}
