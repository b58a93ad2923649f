package io.insiders.api.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends the application's plain-text emails, through SMTP or to the outbox, from the configured address. */
public final class Mailer {

    private final JavaMailSender sender;
    private final String from;

    public Mailer(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    /**
     * Sends one message. Its content is never logged: it may hold credentials.
     *
     * @throws MailException when it could not be sent (or written)
     */
    public void send(String to, String subject, String text) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, false);
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot prepare the message to " + to, e);
        }
        sender.send(message);
    }

    /** The sender in use. */
    public JavaMailSender sender() {
        return sender;
    }
}
