package io.insiders.api.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.insiders.api.ApiClient;
import io.insiders.api.TestAccounts;
import io.insiders.api.TestKafka;
import io.insiders.api.kafka.KafkaClusterProperties;
import jakarta.mail.internet.MimeMessage;
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
 * Without an SMTP server, the credentials go to {@code <data-dir>/outbox/} as .eml files, and start-up
 * says so; when an email cannot be sent, the registration fails with 503 and can be tried again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "insiders.security.bcrypt-strength=4")
@ExtendWith(OutputCaptureExtension.class)
class MailOutboxApiTest {

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private KafkaClusterProperties kafka;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @Test
    void startUpSaysWhereTheOutboxIsAndTheCredentialsLandThere(CapturedOutput output) throws Exception {
        Path outbox = kafka.dataDir().resolve("outbox").toAbsolutePath().normalize();
        assertThat(output.getAll()).contains("no SMTP server configured (spring.mail.host): emails are written as .eml files to " + outbox);

        ApiClient anonymous = new ApiClient(port);
        TestAccounts.Credentials manager = TestAccounts.register(context, anonymous);
        List<MimeMessage> messages = TestAccounts.outbox(outbox);
        assertThat(messages).isNotEmpty();
        MimeMessage last = messages.get(messages.size() - 1);
        assertThat(last.getAllRecipients()[0].toString()).isEqualTo(manager.email());
        assertThat(last.getContent().toString()).contains("Username: " + manager.username());
        assertThat(anonymous.withBasic(manager.username(), manager.password()).get("/api/v1/me/").statusCode()).isEqualTo(200);
    }

    @Test
    void aRegistrationWhoseEmailCannotBeSentIsWithdrawnAndCanBeTriedAgain() throws Exception {
        Path outbox = kafka.dataDir().resolve("outbox");
        Files.createDirectories(outbox.getParent());
        Path moved = outbox.resolveSibling("outbox-away");
        if (Files.exists(outbox)) {
            Files.move(outbox, moved);
        }
        // A file where the folder should be: no email can be written.
        Files.writeString(outbox, "not a folder");
        ApiClient anonymous = new ApiClient(port);
        String username = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"username\": \"" + username + "\", \"email\": \"" + username + "@example.com\"}";
        try {
            HttpResponse<String> failed = anonymous.postJson("/api/v1/managers/", body);
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(failed.body()).isEqualTo("{\"detail\":\"The email with the account's credentials could not be sent, so the account"
                    + " was not created. Try again later.\"}");
        } finally {
            Files.delete(outbox);
            if (Files.exists(moved)) {
                Files.move(moved, outbox);
            }
        }
        HttpResponse<String> again = anonymous.postJson("/api/v1/managers/", body);
        assertThat(again.statusCode()).isEqualTo(201);
        String password = TestAccounts.password(context, username + "@example.com");
        assertThat(anonymous.withBasic(username, password).get("/api/v1/me/").statusCode()).isEqualTo(200);
    }
}
