package io.insiders.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.insiders.api.accounts.Manager;
import io.insiders.api.accounts.ManagerDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signed tokens: genuine until they expire or the password changes; forged or altered ones never. */
class TokenServiceTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    /** Never started: a directory that holds what it is shown. */
    private final ManagerDirectory directory = new ManagerDirectory("127.0.0.1:9");
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final TokenService tokens = new TokenService(KEY, Duration.ofHours(1), directory, now::get);

    @AfterEach
    void close() throws Exception {
        directory.close();
    }

    private static Manager manager(long id, int passwordVersion, long version) {
        return new Manager(id, "user" + id, "user" + id + "@example.com", null, "", "", "{bcrypt}x", passwordVersion, 0, true,
                version, version, 0, 0);
    }

    @Test
    void aTokenNamesItsManagerUntilItExpires() {
        directory.saw(manager(7, 1, 1));
        String token = tokens.issue(manager(7, 1, 1));
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.verify(token)).hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(7));
        now.addAndGet(Duration.ofHours(1).toMillis() - 1);
        assertThat(tokens.verify(token)).isPresent();
        now.incrementAndGet();
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aPasswordChangeEndsEarlierTokens() {
        directory.saw(manager(8, 1, 1));
        String before = tokens.issue(manager(8, 1, 1));
        directory.saw(manager(8, 2, 2));
        assertThat(tokens.verify(before)).isEmpty();
        assertThat(tokens.verify(tokens.issue(manager(8, 2, 2)))).isPresent();
    }

    @Test
    void anAlteredForgedOrForeignTokenIsRefused() {
        directory.saw(manager(9, 1, 1));
        String token = tokens.issue(manager(9, 1, 1));
        char[] altered = token.toCharArray();
        altered[5] = altered[5] == 'A' ? 'B' : 'A';
        assertThat(tokens.verify(new String(altered))).isEmpty();
        assertThat(tokens.verify(token.substring(1))).isEmpty();
        assertThat(tokens.verify("not a token")).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        TokenService other = new TokenService("another key, of at least 32 bytes".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1), directory, now::get);
        assertThat(other.verify(token)).isEmpty();
    }

    @Test
    void aWithdrawnManagersTokensEnd() {
        directory.saw(manager(10, 1, 1));
        String token = tokens.issue(manager(10, 1, 1));
        Manager withdrawn = new Manager(10, "user10", "user10@example.com", null, "", "", "{bcrypt}x", 1, 0, false, 2, 2, 0, 0);
        directory.saw(withdrawn);
        assertThat(tokens.verify(token)).isEmpty();
    }
}
