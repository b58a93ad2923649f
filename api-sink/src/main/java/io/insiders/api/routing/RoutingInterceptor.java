package io.insiders.api.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.insiders.api.streams.StoreScope;
import io.insiders.api.streams.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Answers a device's query from the instance that holds the device's stores, transparently to the
 * client: when another instance is the active one, the request is forwarded to it and its answer
 * passed back; when this one is, the controller runs here, its reads pinned to the device's partition.
 *
 * <p>While the group's metadata is not available (the instance is starting or rebalancing) the
 * request waits up to the store wait for it. When the active instance does not answer, a standby
 * copy answers: this instance's own, or another instance's. A request forwarded {@code maxHops}
 * times is not forwarded again (503): the instances' views of the group can disagree for a moment
 * during a rebalance, and the bound keeps them from passing a request back and forth.
 *
 * <p>It runs after the security and throttling filters and after the other interceptors, so that a
 * request is authenticated and counted at the instance it reached first (the instance that answers
 * checks the forwarded credentials again); the controllers it lets run stay purely local.
 */
public final class RoutingInterceptor implements HandlerInterceptor {

    /** The paths whose answers come from a device's partitioned stores. */
    public static final String ROUTED_PATHS = "/api/v1/devices/*/preprocessed-data/**";

    private static final PathPattern DEVICE_PATH = PathPatternParser.defaultInstance
            .parse("/api/v1/devices/{device}/preprocessed-data/**");
    private static final long POLL_MS = 100;

    private final Function<String, Optional<String>> deviceNames;
    private final PlacementLookup placements;
    private final RequestForwarder forwarder;
    private final HostInfo self;
    private final Duration storeWait;
    private final int maxHops;

    /**
     * @param deviceNames a path's {@code {device}} to the device's name; empty for a device that does not exist
     * @param placements where a device's stores are
     * @param forwarder the HTTP client to the other instances
     * @param self this instance's address, as the group's metadata names it
     * @param storeWait how long a request waits for its device's stores to be placed
     * @param maxHops how many forwards a request may take
     */
    public RoutingInterceptor(Function<String, Optional<String>> deviceNames, PlacementLookup placements,
                              RequestForwarder forwarder, HostInfo self, Duration storeWait, int maxHops) {
        this.deviceNames = deviceNames;
        this.placements = placements;
        this.forwarder = forwarder;
        this.self = self;
        this.storeWait = storeWait;
        this.maxHops = maxHops;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        if (!(handler instanceof HandlerMethod)) {
            // Not an endpoint (an unknown path, a CORS pre-flight): nothing to route.
            return true;
        }
        Optional<String> device = pathDevice(request).flatMap(deviceNames);
        if (device.isEmpty()) {
            // An unknown device, or not an id: the controller answers its 404.
            return true;
        }
        response.setHeader(RoutingHeaders.INSTANCE, RequestForwarder.authority(self));
        Route route = new Route(device.get(), request, response);
        while (true) {
            Optional<DevicePlacement> placement = placements.placementOf(device.get());
            if (placement.isPresent()) {
                Outcome outcome = route.along(placement.get());
                if (outcome != Outcome.NO_COPY) {
                    // The controller runs here, or the other instance's answer is written already.
                    return outcome == Outcome.HERE;
                }
            }
            if (System.nanoTime() - route.deadline > 0) {
                throw StoreUnavailableException.because("no instance could answer for device " + device.get()
                        + (placement.isEmpty() ? ": the group's metadata is not available" : ": its instances are away"),
                        retryAfterSeconds());
            }
            // Wait for the metadata, or for an instance that is away to come back or be replaced.
            Thread.sleep(POLL_MS);
        }
    }

    /** Where a request was answered. */
    private enum Outcome {
        /** Here: the controller runs. */
        HERE,
        /** By another instance, whose answer was passed back. */
        FORWARDED,
        /** Not yet: no copy of the device's stores could answer. */
        NO_COPY
    }

    /** One request's way to its device's stores: what it tried so far, and the bound on its wait. */
    private final class Route {

        private final String device;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final int hops;
        private final boolean standbyAsked;
        private final long deadline;
        /** Instances this request found away, whatever the forwarder's memory says. */
        private final Set<HostInfo> away = new HashSet<>();
        private RoutedRequest routed;

        Route(String device, HttpServletRequest request, HttpServletResponse response) {
            this.device = device;
            this.request = request;
            this.response = response;
            this.hops = hops(request);
            this.standbyAsked = RoutingHeaders.STANDBY.equalsIgnoreCase(request.getHeader(RoutingHeaders.SERVE_FROM));
            this.deadline = System.nanoTime() + storeWait.toNanos();
        }

        /** Serves the request here or forwards it, going by {@code placement}. */
        Outcome along(DevicePlacement placement) throws IOException {
            if (placement.isActive(self)) {
                return serveHere(placement, false);
            }
            if (standbyAsked) {
                // The sender found the active away: answer from this copy, never forward again.
                return serveHere(placement, true);
            }
            Optional<HostInfo> active = placement.active().filter(this::reachable);
            if (active.isPresent() && forwardTo(active.get(), false)) {
                return Outcome.FORWARDED;
            }
            // The active is away (not answering, or none while the partition moves): a standby answers.
            if (placement.standbys().contains(self)) {
                return serveHere(placement, true);
            }
            for (HostInfo standby : placement.standbys()) {
                if (reachable(standby) && forwardTo(standby, true)) {
                    return Outcome.FORWARDED;
                }
            }
            return Outcome.NO_COPY;
        }

        private boolean reachable(HostInfo instance) {
            return !away.contains(instance) && !forwarder.isAway(instance);
        }

        private Outcome serveHere(DevicePlacement placement, boolean standby) {
            new StoreScope(placement.partition(), standby, deadline).bindToCurrentRequest();
            response.setHeader(RoutingHeaders.SERVED_BY, standby ? RoutingHeaders.STANDBY : RoutingHeaders.ACTIVE);
            return Outcome.HERE;
        }

        /** Forwards to {@code target} and writes its answer; false when it is away. */
        private boolean forwardTo(HostInfo target, boolean standby) throws IOException {
            if (hops >= maxHops) {
                throw StoreUnavailableException.because("device " + device + " is at " + RequestForwarder.authority(target)
                        + " but the request was forwarded " + hops + " times already", retryAfterSeconds());
            }
            routed = routed == null ? RoutedRequest.of(request) : routed;
            Optional<ForwardedAnswer> answer = forwarder.forward(routed, target, hops + 1, standby);
            if (answer.isEmpty()) {
                away.add(target);
                return false;
            }
            answer.get().writeTo(response);
            return true;
        }
    }

    private long retryAfterSeconds() {
        return Math.max(1, storeWait.toSeconds());
    }

    private static Optional<String> pathDevice(HttpServletRequest request) {
        PathContainer path = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()
                : PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        PathPattern.PathMatchInfo match = DEVICE_PATH.matchAndExtract(path);
        return match == null ? Optional.empty() : Optional.ofNullable(match.getUriVariables().get("device"));
    }

    /** The hops the request took so far; a client's own request, or a value that is not a count, took none. */
    static int hops(HttpServletRequest request) {
        String value = request.getHeader(RoutingHeaders.HOPS);
        if (value == null || value.isBlank() || value.length() > 3 || !value.trim().chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(value.trim());
    }
}
