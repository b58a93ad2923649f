package io.insiders.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.insiders.api.accounts.Manager;
import io.insiders.api.accounts.ManagerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Credentials cost one slow hash per client, not per request, and a password change voids what was remembered. */
class CredentialVerifierTest {

    /** bcrypt, counting its checks. */
    private static final class CountingEncoder implements PasswordEncoder {
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        private final AtomicInteger matches = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            matches.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    private final ManagerDirectory directory = new ManagerDirectory("127.0.0.1:9");
    private final CountingEncoder encoder = new CountingEncoder();
    private final CredentialVerifier verifier = new CredentialVerifier(directory, encoder, Duration.ofMinutes(10), 1000);

    @AfterEach
    void close() throws Exception {
        directory.close();
    }

    private Manager manager(String password, int version) {
        return new Manager(3, "ann", "ann@example.com", null, "", "", encoder.encode(password), version, 0, true, version, version, 0, 0);
    }

    @Test
    void repeatedCredentialsAreHashedOnce() {
        directory.saw(manager("first-password", 1));
        for (int i = 0; i < 20; i++) {
            assertThat(verifier.verify("ann", "first-password")).isPresent();
        }
        assertThat(encoder.matches.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsRefusedAndARepeatedOneCostsNothingMore() {
        directory.saw(manager("first-password", 1));
        assertThat(verifier.verify("ann", "wrong")).isEmpty();
        assertThat(verifier.verify("ann", "wrong")).isEmpty();
        assertThat(verifier.verify("ann", "also wrong")).isEmpty();
        assertThat(encoder.matches.get()).isEqualTo(2);
    }

    @Test
    void aPasswordChangeVoidsWhatWasRemembered() {
        directory.saw(manager("first-password", 1));
        assertThat(verifier.verify("ann", "first-password")).isPresent();
        directory.saw(manager("second-password", 2));
        assertThat(verifier.verify("ann", "first-password")).isEmpty();
        assertThat(verifier.verify("ann", "second-password")).isPresent();
    }

    @Test
    void anUnknownUserCostsAHashAsARealOneWould() {
        assertThat(verifier.verify("nobody", "whatever")).isEmpty();
        assertThat(encoder.matches.get()).isEqualTo(1);
        assertThat(verifier.verify(null, "x")).isEmpty();
    }
}
