package io.insiders.api.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import io.insiders.api.TestAccounts;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an SMTP server, every email lands as an .eml file that only its owner reads. */
class OutboxMailSenderTest {

    @TempDir
    Path data;

    @Test
    void eachMessageIsAnEmlFileInTheOutbox() throws Exception {
        Path outbox = data.resolve("outbox");
        Mailer mailer = new Mailer(new OutboxMailSender(outbox), "Insiders <no-reply@localhost>");

        mailer.send("ann@example.com", "Your Insiders account", "Hello Ann,\n\nUsername: ann\nPassword: Secret123abc\n");
        mailer.send("bob@example.com", "Hello", "Hi Bob — ça va?\n");

        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> emls = files.toList();
            assertThat(emls).hasSize(2).allSatisfy(file -> {
                assertThat(file.getFileName().toString()).endsWith(".eml");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            });
        }
        List<MimeMessage> messages = TestAccounts.outbox(outbox);
        assertThat(messages).hasSize(2);
        MimeMessage first = messages.stream().filter(m -> {
            try {
                return m.getSubject().equals("Your Insiders account");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThat(first.getFrom()[0].toString()).isEqualTo("Insiders <no-reply@localhost>");
        assertThat(first.getAllRecipients()[0].toString()).isEqualTo("ann@example.com");
        assertThat(first.getSentDate()).isNotNull();
        assertThat(TestAccounts.passwordIn(first)).hasValue("Secret123abc");
    }
}
