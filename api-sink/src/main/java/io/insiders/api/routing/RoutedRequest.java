package io.insiders.api.routing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A client's request as another instance will receive it: method, raw path and query string, the
 * end-to-end headers and the body, taken once so that it can be sent again to a standby after the
 * active did not answer.
 *
 * @param method the HTTP method
 * @param pathAndQuery the path as the client sent it (still percent-encoded), with its query string
 * @param headers the headers to send, in order, a name once per value
 * @param body the body, empty for a GET
 */
record RoutedRequest(String method, String pathAndQuery, List<Map.Entry<String, String>> headers, byte[] body) {

    /**
     * Hop-by-hop headers (RFC 9110, 7.6.1) and those the HTTP client computes for its own connection:
     * never passed on. The routing headers are set afresh for each hop.
     */
    static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect", "http2-settings",
            lower(RoutingHeaders.HOPS), lower(RoutingHeaders.SERVE_FROM), "x-forwarded-for");

    RoutedRequest {
        headers = List.copyOf(headers);
    }

    /** Takes {@code request}, reading its body if it has one. */
    static RoutedRequest of(HttpServletRequest request) throws IOException {
        Set<String> connectionOptions = connectionOptions(Collections.list(request.getHeaders("Connection")));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            String key = lower(name);
            if (NOT_FORWARDED.contains(key) || connectionOptions.contains(key)) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(Map.entry(name, value));
            }
        }
        // The owner sees the client's address, not this instance's, as a proxy would show it.
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String client = request.getRemoteAddr();
        headers.add(Map.entry("X-Forwarded-For", forwardedFor == null || forwardedFor.isBlank() ? client : forwardedFor + ", " + client));
        String query = request.getQueryString();
        String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        byte[] body = hasBody ? request.getInputStream().readAllBytes() : new byte[0];
        return new RoutedRequest(request.getMethod(), pathAndQuery, headers, body);
    }

    /** The header names that a {@code Connection} header declares hop-by-hop. */
    static Set<String> connectionOptions(List<String> connectionHeaders) {
        Set<String> options = new HashSet<>();
        for (String value : connectionHeaders) {
            for (String option : value.split(",")) {
                options.add(lower(option.trim()));
            }
        }
        return options;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
