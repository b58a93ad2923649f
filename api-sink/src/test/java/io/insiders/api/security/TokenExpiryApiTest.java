package io.insiders.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A token ends when its time is up, while the password that obtained it goes on working. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"insiders.security.bcrypt-strength=4", "insiders.security.token-ttl=3s"})
class TokenExpiryApiTest {

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @Test
    void aTokenExpiresAfterItsTime() {
        ApiClient anonymous = new ApiClient(port);
        TestAccounts.Credentials manager = TestAccounts.register(context, anonymous);
        HttpResponse<String> issued = anonymous.postJson("/api/v1/auth/token/",
                "{\"username\": \"" + manager.username() + "\", \"password\": \"" + manager.password() + "\"}");
        long issuedAt = System.nanoTime();
        ApiClient byToken = anonymous.withToken(ApiClient.json(issued).get("token").asString());

        HttpResponse<String> before = byToken.get("/api/v1/me/");
        if (System.nanoTime() - issuedAt < Duration.ofSeconds(2).toNanos()) {
            assertThat(before.statusCode()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> byToken.get("/api/v1/me/").statusCode() == 403);
        assertThat(System.nanoTime() - issuedAt).isGreaterThanOrEqualTo(Duration.ofSeconds(3).toNanos() - Duration.ofMillis(500).toNanos());
        assertThat(byToken.get("/api/v1/me/").body()).isEqualTo("{\"detail\":\"Invalid token.\"}");
        assertThat(anonymous.withBasic(manager.username(), manager.password()).get("/api/v1/me/").statusCode()).isEqualTo(200);
    }
}
