package io.insiders.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.insiders.api.mail.Mailer;
import io.insiders.api.mail.OutboxMailSender;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.springframework.context.ApplicationContext;

/**
 * Managers for the application tests, registered through the API as a new user would, with the
 * password read from the email the application sent: from its outbox ({@code <data-dir>/outbox/}),
 * or from the shared SMTP server ({@link TestMail}) when the application sends through SMTP.
 */
public final class TestAccounts {

    private static final Pattern PASSWORD = Pattern.compile("^Password: (\\S+)$", Pattern.MULTILINE);

    /** A registered manager and his credentials. */
    public record Credentials(long id, String username, String password, String email) {
    }

    private TestAccounts() {
    }

    /** A new manager of a unique username, registered on the application of {@code context}; {@code api} is its client. */
    public static Credentials register(ApplicationContext context, ApiClient api) {
        return register(context, api, "manager-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A new manager with this username. */
    public static Credentials register(ApplicationContext context, ApiClient api, String username) {
        String email = username.replace('@', '.') + "@example.com";
        HttpResponse<String> created = api.postJson("/api/v1/managers/", "{\"username\": \"" + username + "\", \"email\": \"" + email
                + "\", \"manager_profile\": {\"first_name\": \"Test\", \"last_name\": \"Manager\"}}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + created.statusCode() + ": " + created.body());
        }
        long id = ApiClient.json(created).get("id").asLong();
        return new Credentials(id, username, password(context, email), email);
    }

    /** {@code api} authenticated with HTTP Basic as a new manager. */
    public static ApiClient authenticated(ApplicationContext context, ApiClient api) {
        Credentials manager = register(context, api);
        return api.withBasic(manager.username(), manager.password());
    }

    /** The password in the last credentials email sent to {@code email}, waiting for it to arrive. */
    public static String password(ApplicationContext context, String email) {
        Mailer mailer = context.getBean(Mailer.class);
        AtomicReference<String> password = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<MimeMessage> messages = mailer.sender() instanceof OutboxMailSender outbox
                    ? outbox(outbox.outbox()) : List.of(TestMail.server().getReceivedMessages());
            String found = null;
            for (MimeMessage message : messages) {
                if (sentTo(message, email)) {
                    found = passwordIn(message).orElse(found);
                }
            }
            password.set(found);
            return found != null;
        });
        return password.get();
    }

    /** The password a credentials email gives. */
    public static Optional<String> passwordIn(MimeMessage message) {
        try {
            Matcher matcher = PASSWORD.matcher(message.getContent().toString().replace("\r\n", "\n"));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    private static boolean sentTo(MimeMessage message, String email) throws MessagingException {
        Address[] to = message.getRecipients(Message.RecipientType.TO);
        return to != null && Stream.of(to).anyMatch(address -> address.toString().equalsIgnoreCase(email));
    }

    /** The messages in an outbox folder, oldest first (their names start with the time they were written). */
    public static List<MimeMessage> outbox(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Session session = Session.getInstance(new Properties());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().map(file -> {
                try (InputStream in = Files.newInputStream(file)) {
                    return new MimeMessage(session, in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (MessagingException e) {
                    throw new IllegalStateException("unreadable email " + file, e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
