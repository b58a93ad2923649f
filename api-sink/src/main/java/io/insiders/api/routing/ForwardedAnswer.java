package io.insiders.api.routing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What another instance answered to a forwarded request, to pass back to the client as it is.
 *
 * @param status the HTTP status
 * @param headers the response headers, by name
 * @param body the body
 */
record ForwardedAnswer(int status, Map<String, List<String>> headers, byte[] body) {

    /** Hop-by-hop headers, and those this instance's server sets itself for the bytes it sends. */
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "date");

    ForwardedAnswer {
        headers = Map.copyOf(headers);
    }

    /** Writes the answer as this instance's response: status, end-to-end headers (Retry-After, Content-Type...) and body. */
    void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        Set<String> connectionOptions = RoutedRequest.connectionOptions(values("Connection"));
        headers.forEach((name, values) -> {
            String key = RoutedRequest.lower(name);
            if (key.startsWith(":") || NOT_RETURNED.contains(key) || connectionOptions.contains(key)) {
                return;
            }
            // Replaces what this instance set so far (its own X-Insiders-Instance): the answer is the other's.
            String header = canonical(name);
            for (int i = 0; i < values.size(); i++) {
                if (i == 0) {
                    response.setHeader(header, values.get(i));
                } else {
                    response.addHeader(header, values.get(i));
                }
            }
        });
        if (body.length > 0) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else {
            // No body: a HEAD's answer still tells the length a GET would have.
            values("Content-Length").stream().findFirst().ifPresent(length -> response.setHeader("Content-Length", length));
        }
        response.flushBuffer();
    }

    /** The values of the header {@code name}, whatever the case of its name. */
    private List<String> values(String name) {
        return headers.entrySet().stream().filter(header -> name.equalsIgnoreCase(header.getKey()))
                .flatMap(header -> header.getValue().stream()).toList();
    }

    /**
     * {@code retry-after} as {@code Retry-After}: the HTTP client hands header names over in lower case,
     * and a client reading a forwarded answer should see the same names as in a local one.
     */
    static String canonical(String name) {
        StringBuilder header = new StringBuilder(name.length());
        boolean startOfWord = true;
        for (char c : name.toCharArray()) {
            header.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
            startOfWord = c == '-';
        }
        return header.toString();
    }
}
