package io.insiders.api.accounts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import io.insiders.api.mail.Mailer;
import io.insiders.api.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The account operations: each one checked, hashed where a password is concerned, written as a
 * command, and answered from the processor's result once this instance's directory holds it, so the
 * answer reflects the write and so does any read that follows on this instance.
 *
 * <p>A plain password lives only here, in memory, for the length of a request: the command carries
 * its hash, and the new account's generated password goes only into the email.
 */
public final class AccountService {

    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    private static final String PASSWORD = "password";

    private final ManagerDirectory directory;
    private final CommandGateway gateway;
    private final PasswordEncoder encoder;
    private final PasswordRules rules;
    private final Mailer mailer;
    private final Duration timeout;
    private final LongSupplier clock;
    private final PasswordGenerator passwords = new PasswordGenerator();

    public AccountService(ManagerDirectory directory, CommandGateway gateway, PasswordEncoder encoder, PasswordRules rules,
                          Mailer mailer, Duration timeout, LongSupplier clock) {
        this.directory = directory;
        this.gateway = gateway;
        this.encoder = encoder;
        this.rules = rules;
        this.mailer = mailer;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Registers a manager with a generated password and emails him his credentials.
     *
     * @param fields the checked profile fields ({@link ProfileForm})
     * @throws ApiException 400 when the username was taken meanwhile
     * @throws AccountsUnavailableException when the processor does not answer in time, or the email cannot be sent (the
     *     account is then withdrawn, so that the same registration can be tried again)
     */
    public Manager register(Map<String, String> fields) {
        String password = passwords.next();
        AccountCommand command = new AccountCommand(AccountCommand.Type.REGISTER, correlationId(), null, fields,
                encoder.encode(password), clock.getAsLong());
        Manager manager = applied(gateway.execute(command, timeout));
        try {
            mailer.send(manager.email(), "Your Insiders account", CredentialsEmail.text(manager, password));
        } catch (MailException e) {
            LOG.error("the credentials of manager {} could not be emailed; the account is withdrawn: {}", manager.id(), e.toString());
            withdraw(manager);
            throw new AccountsUnavailableException("The email with the account's credentials could not be sent, so the account"
                    + " was not created. Try again later.", "cannot email manager " + manager.id(), e);
        }
        return manager;
    }

    /** Sets the given profile fields of a manager. */
    public Manager update(Manager manager, Map<String, String> fields) {
        return applied(gateway.execute(new AccountCommand(AccountCommand.Type.UPDATE, correlationId(), manager.id(), fields, null,
                clock.getAsLong()), timeout));
    }

    /**
     * Sets a manager's password, once Django's password rules accept it; every token issued before ends.
     *
     * @throws ApiException 400 {@code {"password": [...]}} with every rule it breaks
     */
    public void changePassword(Manager manager, JsonBody body) {
        Form form = Form.of(body, false);
        // Passwords keep their spaces, as Django's password fields do.
        String password = form.string(PASSWORD, true, false, false, false, Integer.MAX_VALUE);
        if (password != null) {
            rules.check(password, PasswordRules.attributes(manager)).forEach(problem -> form.error(PASSWORD, problem));
        }
        form.check();
        applied(gateway.execute(new AccountCommand(AccountCommand.Type.CHANGE_PASSWORD, correlationId(), manager.id(), Map.of(),
                encoder.encode(password), clock.getAsLong()), timeout));
    }

    private void withdraw(Manager manager) {
        try {
            applied(gateway.execute(new AccountCommand(AccountCommand.Type.DEACTIVATE, correlationId(), manager.id(), Map.of(), null,
                    clock.getAsLong()), timeout));
        } catch (RuntimeException e) {
            LOG.error("manager {} could not be withdrawn: {}", manager.id(), e.toString());
        }
    }

    private Manager applied(CommandResult result) {
        switch (result.outcome()) {
            case APPLIED -> {
                directory.saw(result.manager());
                return result.manager();
            }
            case INVALID -> throw new ApiException(HttpStatus.BAD_REQUEST, result.errors().isEmpty()
                    ? Map.of(Form.NON_FIELD_ERRORS, List.of("Invalid data.")) : result.errors());
            default -> throw ApiException.notFound();
        }
    }

    private static String correlationId() {
        return UUID.randomUUID().toString();
    }
}
