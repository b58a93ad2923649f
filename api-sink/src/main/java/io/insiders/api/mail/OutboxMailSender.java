package io.insiders.api.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMailMessage;

/**
 * The mail sender of a set-up without an SMTP server: each message is written, as it would have been
 * sent, to an {@code .eml} file in the outbox folder, which any mail client opens. The files hold what
 * the messages hold (the credentials of new accounts): only their owner may read them.
 */
public final class OutboxMailSender implements JavaMailSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailSender.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path outbox;
    private final Session session = Session.getInstance(new Properties());

    public OutboxMailSender(Path outbox) {
        this.outbox = outbox;
    }

    /** Where the messages are written. */
    public Path outbox() {
        return outbox;
    }

    @Override
    public MimeMessage createMimeMessage() {
        return new MimeMessage(session);
    }

    @Override
    public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
        try {
            return new MimeMessage(session, contentStream);
        } catch (MessagingException e) {
            throw new MailParseException("cannot read the message", e);
        }
    }

    @Override
    public void send(MimeMessage... mimeMessages) throws MailException {
        for (MimeMessage message : mimeMessages) {
            write(message);
        }
    }

    @Override
    public void send(SimpleMailMessage... simpleMessages) throws MailException {
        for (SimpleMailMessage simple : simpleMessages) {
            MimeMailMessage message = new MimeMailMessage(createMimeMessage());
            simple.copyTo(message);
            write(message.getMimeMessage());
        }
    }

    private void write(MimeMessage message) {
        Instant now = Instant.now();
        Path file = outbox.resolve(FILE_TIME.format(now) + "-" + UUID.randomUUID() + ".eml");
        try {
            if (message.getSentDate() == null) {
                message.setSentDate(Date.from(now));
            }
            message.saveChanges();
            Files.createDirectories(outbox);
            createPrivate(file);
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                message.writeTo(out);
            }
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot write the message", e);
        } catch (IOException e) {
            throw new MailSendException("cannot write the message to " + file, e);
        }
        LOG.info("email written to {}", file);
    }

    private static void createPrivate(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
