package io.insiders.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No password and no token appears in the logs, whatever a client does with them: registration (the
 * generated password), HTTP Basic, tokens issued, used, forged and expired by a password change, wrong
 * passwords, and the password change itself. The application's own loggers are at DEBUG here, so that
 * a secret logged at any level shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.io.insiders=DEBUG", "logging.level.org.springframework.security=INFO"})
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTest {

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @Test
    void noPasswordOrTokenIsLogged(CapturedOutput output) {
        ApiClient anonymous = new ApiClient(port);
        TestAccounts.Credentials manager = TestAccounts.register(context, anonymous);
        ApiClient basic = anonymous.withBasic(manager.username(), manager.password());
        assertThat(basic.get("/api/v1/me/").statusCode()).isEqualTo(200);
        String wrongPassword = "Wrong-" + manager.password();
        assertThat(anonymous.withBasic(manager.username(), wrongPassword).get("/api/v1/me/").statusCode()).isIn(401, 403);
        assertThat(anonymous.postJson("/api/v1/auth/token/", credentials(manager.username(), wrongPassword)).statusCode()).isEqualTo(400);

        HttpResponse<String> issued = anonymous.postJson("/api/v1/auth/token/", credentials(manager.username(), manager.password()));
        assertThat(issued.statusCode()).isEqualTo(200);
        String token = ApiClient.json(issued).get("token").asString();
        assertThat(anonymous.withToken(token).get("/api/v1/me/").statusCode()).isEqualTo(200);
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        assertThat(anonymous.withToken(forged).get("/api/v1/me/").statusCode()).isIn(401, 403);

        String newPassword = "Quiet-Harbour-" + System.nanoTime();
        HttpResponse<String> changed = basic.putJson("/api/v1/managers/" + manager.id() + "/password/",
                "{\"password\": \"" + newPassword + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isLessThan(300);
        // The token ended with the change; the new password works.
        assertThat(anonymous.withToken(token).get("/api/v1/me/").statusCode()).isIn(401, 403);
        assertThat(anonymous.withBasic(manager.username(), newPassword).get("/api/v1/me/").statusCode()).isEqualTo(200);

        String basicHeader = Base64.getEncoder().encodeToString((manager.username() + ":" + manager.password())
                .getBytes(StandardCharsets.UTF_8));
        String logs = output.getAll();
        // The capture works: the application did log this test's account commands.
        assertThat(logs).contains("account command");
        for (String secret : List.of(manager.password(), wrongPassword, newPassword, token, forged, basicHeader)) {
            assertThat(logs).as("a secret in the logs").doesNotContain(secret);
        }
        // Nor the token's signature alone, the part that makes it valid.
        assertThat(logs).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }

    private static String credentials(String username, String password) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
    }
}
