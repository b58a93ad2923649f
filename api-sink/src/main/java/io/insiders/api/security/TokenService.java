package io.insiders.api.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.insiders.api.accounts.Manager;
import io.insiders.api.accounts.ManagerDirectory;

/**
 * Issues and checks tokens. A token is signed, not stored: base64url of a version byte, the manager's
 * id, the password version it was issued under, when it was issued and when it expires, followed by
 * an HMAC-SHA256 of all that. Checking one costs an HMAC and a look-up, never a password hash; any
 * instance with the same key checks it, with nothing to replicate.
 *
 * <p>A token is valid until it expires, while its manager is active and has not changed his password
 * since: the password version is a counter, not a time, so no clock difference between instances can
 * let an earlier token through.
 */
public final class TokenService {

    private static final byte VERSION = 1;
    private static final int PAYLOAD_BYTES = 1 + 8 + 4 + 8 + 8;
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration ttl;
    private final ManagerDirectory directory;
    private final LongSupplier clock;

    public TokenService(byte[] secret, Duration ttl, ManagerDirectory directory, LongSupplier clock) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.ttl = ttl;
        this.directory = directory;
        this.clock = clock;
    }

    /** A new token for the manager, valid for the configured time. */
    public String issue(Manager manager) {
        long now = clock.getAsLong();
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES);
        payload.put(VERSION).putLong(manager.id()).putInt(manager.passwordVersion()).putLong(now).putLong(now + ttl.toMillis());
        payload.put(mac(Arrays.copyOf(payload.array(), PAYLOAD_BYTES)));
        return ENCODER.encodeToString(payload.array());
    }

    /** The active manager the token was issued to, if it is genuine, not expired, and his password has not changed since. */
    public Optional<Manager> verify(String token) {
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != PAYLOAD_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(bytes, PAYLOAD_BYTES);
        if (!MessageDigest.isEqual(mac(payload), Arrays.copyOfRange(bytes, PAYLOAD_BYTES, bytes.length))) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(payload, 1, PAYLOAD_BYTES - 1);
        long managerId = fields.getLong();
        int passwordVersion = fields.getInt();
        fields.getLong();
        long expiresAt = fields.getLong();
        if (clock.getAsLong() >= expiresAt) {
            return Optional.empty();
        }
        return directory.byId(managerId).filter(manager -> manager.passwordVersion() == passwordVersion);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
