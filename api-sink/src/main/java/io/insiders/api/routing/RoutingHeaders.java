package io.insiders.api.routing;

/** The headers of routed queries: those the instances exchange, and those every routed answer carries. */
public final class RoutingHeaders {

    /** Request: how many times the request was forwarded already (absent: 0, from a client). */
    public static final String HOPS = "X-Insiders-Hops";
    /**
     * Request, between instances: {@value #STANDBY} asks the receiver to answer from its own copy of the
     * device's stores, a standby's if need be, because the sender could not reach the active.
     */
    public static final String SERVE_FROM = "X-Insiders-Serve-From";
    /** Response: {@value #ACTIVE} or {@value #STANDBY}, which copy of the device's stores answered. */
    public static final String SERVED_BY = "X-Insiders-Served-By";
    /** Response: the {@code host:port} of the instance that answered. */
    public static final String INSTANCE = "X-Insiders-Instance";

    /** The copy that processes the device's frames: its answers are current. */
    public static final String ACTIVE = "active";
    /** A warm replica: its answers may lag the active's by what it has not yet read from the changelog. */
    public static final String STANDBY = "standby";

    private RoutingHeaders() {
    }
}
