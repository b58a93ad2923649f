package io.insiders.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the application under test, as an API client would use it: anonymous, or
 * authenticated with HTTP Basic or a token ({@link #withBasic}, {@link #withToken}).
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String authorization;

    public ApiClient(int port) {
        this("http://localhost:" + port, null);
    }

    private ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** This client, sending {@code Authorization: Basic ...} with every request. */
    public ApiClient withBasic(String username, String password) {
        byte[] credentials = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return withAuthorization("Basic " + Base64.getEncoder().encodeToString(credentials));
    }

    /** This client, sending {@code Authorization: Token <token>} with every request. */
    public ApiClient withToken(String token) {
        return withAuthorization("Token " + token);
    }

    /** This client, sending this {@code Authorization} header (null for none) with every request. */
    public ApiClient withAuthorization(String header) {
        return new ApiClient(base, header);
    }

    /** The {@code Authorization} header this client sends, or null. */
    public String authorization() {
        return authorization;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return sendJson("POST", path, json);
    }

    public HttpResponse<String> putJson(String path, String json) {
        return sendJson("PUT", path, json);
    }

    public HttpResponse<String> patchJson(String path, String json) {
        return sendJson("PATCH", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    /** Any method, with a JSON body. */
    public HttpResponse<String> sendJson(String method, String path, String json) {
        return send(request(path).header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Polls {@code path} until it answers {@code status}, and returns that answer. */
    public HttpResponse<String> awaitStatus(String path, int status) {
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = get(path);
            return last[0].statusCode() == status;
        });
        return last[0];
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
