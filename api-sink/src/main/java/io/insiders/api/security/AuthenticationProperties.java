package io.insiders.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication ({@code insiders.security.*}).
 *
 * @param tokenTtl how long a token from {@code POST /api/v1/auth/token/} is valid
 * @param tokenSecret the key tokens are signed with (at least 32 bytes), the same on every instance of a deployment;
 *     empty to use the one in {@code <data-dir>/token-secret}, generated at the first start
 * @param bcryptStrength the cost of the password hashes (log2 of bcrypt's rounds, 4 to 31): each step doubles the
 *     time of a hash; existing hashes keep the cost they were made with
 * @param credentialCacheTtl how long a checked username and password are trusted without hashing them again
 * @param credentialCacheSize how many checked credentials are remembered at most
 */
@ConfigurationProperties("insiders.security")
public record AuthenticationProperties(
        @DefaultValue("24h") Duration tokenTtl,
        @DefaultValue("") String tokenSecret,
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("10m") Duration credentialCacheTtl,
        @DefaultValue("10000") long credentialCacheSize) {

    public AuthenticationProperties {
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("insiders.security.token-ttl must be positive, not " + tokenTtl);
        }
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("insiders.security.bcrypt-strength must be within 4 and 31, not " + bcryptStrength);
        }
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "AuthenticationProperties[tokenTtl=" + tokenTtl + ", bcryptStrength=" + bcryptStrength + ", credentialCacheTtl="
                + credentialCacheTtl + ", credentialCacheSize=" + credentialCacheSize + "]";
    }
}
