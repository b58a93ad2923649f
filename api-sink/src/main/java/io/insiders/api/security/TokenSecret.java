package io.insiders.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key tokens are signed with: {@code insiders.security.token-secret} when set, or else the one kept
 * in {@code <data-dir>/token-secret}, drawn at random at the first start. Instances that share tokens
 * (several behind one address, or forwarding requests to each other) need the same key: set it. The
 * key is never logged.
 */
final class TokenSecret {

    static final int MIN_BYTES = 32;
    static final String FILE = "token-secret";

    private static final Logger LOG = LoggerFactory.getLogger(TokenSecret.class);

    private TokenSecret() {
    }

    static byte[] load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = configured.getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_BYTES) {
                throw new IllegalArgumentException("insiders.security.token-secret must be at least " + MIN_BYTES + " bytes long");
            }
            return key;
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
                if (key.length < MIN_BYTES) {
                    throw new IllegalStateException(file + " holds fewer than " + MIN_BYTES + " bytes: remove it to draw a new key");
                }
                return key;
            }
            byte[] key = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(dataDir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            LOG.info("drew a new token signing key into {}; instances that share tokens need the same insiders.security.token-secret",
                    file.toAbsolutePath().normalize());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token signing key " + file, e);
        }
    }
}
