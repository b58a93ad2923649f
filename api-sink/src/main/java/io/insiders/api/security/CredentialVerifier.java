package io.insiders.api.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.insiders.api.accounts.Manager;
import io.insiders.api.accounts.ManagerDirectory;
import io.insiders.api.accounts.ProfileRules;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a username and password against the manager's password hash, and remembers the verdict so
 * that a client that sends the same credentials with every request (HTTP Basic) costs one slow hash,
 * not one per request.
 *
 * <p>The verdicts are kept under an HMAC of the username and password with a key drawn at random when
 * the process starts: the cache never holds a password, nor anything that could be checked against
 * one outside this process. Each verdict holds the password hash it was made against, and counts only
 * while the manager still has that hash: a password change (or a new account under a username that
 * was unknown) makes every earlier verdict void at once. Refusals are remembered too, so a script
 * retrying with an outdated password does not cost a hash each time; guessing different passwords does.
 */
public final class CredentialVerifier {

    /** A verdict on one username and password, valid while the manager's hash is {@code passwordHash}. */
    private record Verdict(long managerId, String passwordHash, boolean valid) {
    }

    private static final String NO_ACCOUNT = "";

    private final ManagerDirectory directory;
    private final PasswordEncoder encoder;
    private final Cache<String, Verdict> verdicts;
    private final SecretKeySpec key;
    private volatile String unknownUserHash;

    public CredentialVerifier(ManagerDirectory directory, PasswordEncoder encoder, Duration ttl, long maximumSize) {
        this.directory = directory;
        this.encoder = encoder;
        this.verdicts = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The active manager whose username and password these are. */
    public Optional<Manager> verify(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Optional<Manager> manager = directory.byUsername(ProfileRules.normalizeUsername(username));
        String fingerprint = fingerprint(username, password);
        long id = manager.map(Manager::id).orElse(-1L);
        String hash = manager.map(Manager::passwordHash).orElse(NO_ACCOUNT);
        Verdict known = verdicts.getIfPresent(fingerprint);
        if (known != null && known.managerId() == id && known.passwordHash().equals(hash)) {
            return known.valid() ? manager : Optional.empty();
        }
        boolean valid;
        if (manager.isPresent()) {
            valid = matches(password, hash);
        } else {
            // The same work as for a real account, so that the answer's time does not tell which usernames exist.
            matches(password, unknownUserHash());
            valid = false;
        }
        verdicts.put(fingerprint, new Verdict(id, hash, valid));
        return valid ? manager : Optional.empty();
    }

    private boolean matches(String password, String hash) {
        try {
            return encoder.matches(password, hash);
        } catch (IllegalArgumentException e) {
            // bcrypt refuses passwords over 72 bytes: no account has one.
            return false;
        }
    }

    private String unknownUserHash() {
        String hash = unknownUserHash;
        if (hash == null) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            hash = encoder.encode(Base64.getEncoder().encodeToString(random));
            unknownUserHash = hash;
        }
        return hash;
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
