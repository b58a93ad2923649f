package io.insiders.api.throttling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.insiders.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The throttle registered in a running web application, behind a Spring Security filter chain that
 * lets everyone in and knows one user: its answer over HTTP, per address for anonymous clients and per
 * user for authenticated ones, and what it leaves alone. The application's own features (Kafka, the
 * stores, its security rules) are left out: this is about the filter, its registration and its order.
 */
@SpringBootTest(classes = ThrottlingApiTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"insiders.throttling.anonymous-rate=5/minute", "insiders.throttling.user-rate=8/minute"})
class ThrottlingApiTest {

    private static final String PATH = "/api/v1/probe/";

    @LocalServerPort
    private int port;
    private ApiClient api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void pastItsRateAnAddressIsThrottledWhileOtherAddressesUsersAndTheDocsAreNot() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(api.get(PATH).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> throttled = api.get(PATH);

        assertThat(throttled.statusCode()).isEqualTo(429);
        String retryAfter = throttled.headers().firstValue("Retry-After").orElseThrow();
        // 5 a minute come back one every 12 seconds: a little less is left to wait already, rounded up.
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 12L);
        assertThat(throttled.body()).isEqualTo("{\"detail\":\"Request was throttled. Expected available in " + retryAfter + " seconds.\"}");
        assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/json");
        // Every path of the API counts, an unknown one or one without its slash included.
        assertThat(api.get("/api/v1/no-such-thing/").statusCode()).isEqualTo(429);
        assertThat(api.get("/api/v1/probe").statusCode()).isEqualTo(429);

        // Another address has its own allowance.
        assertThat(statusFrom("127.0.0.2", PATH)).isEqualTo(200);

        // An authenticated user is counted by name, at the user rate, whatever his address.
        for (int i = 0; i < 8; i++) {
            assertThat(getAs("jon.doe@example.com", PATH).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> user = getAs("jon.doe@example.com", PATH);
        assertThat(user.statusCode()).isEqualTo(429);
        // 8 a minute come back one every 7.5 seconds.
        assertThat(Long.parseLong(user.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 8L);

        // Health, the document and its page are never throttled.
        assertThat(api.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/schema/").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/docs/").statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/docs/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(api.get(PATH).statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> getAs(String user, String path) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request sent from another loopback address, as another client would. */
    private int statusFrom(String address, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(address), 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElseThrow();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** A web application with the throttle, springdoc, the actuator, and a security chain that authenticates without restricting. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
    @EnableConfigurationProperties(ThrottlingProperties.class)
    @Import({ThrottlingConfiguration.class, Probe.class})
    static class App {

        @Bean
        SecurityFilterChain everyoneIn(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("jon.doe@example.com").password("{noop}secret")
                    .roles("MANAGER").build());
        }
    }

    /** An endpoint of the API that always answers. */
    @RestController
    static class Probe {

        @GetMapping(PATH)
        Map<String, String> probe() {
            return Map.of("status", "ok");
        }
    }
}
