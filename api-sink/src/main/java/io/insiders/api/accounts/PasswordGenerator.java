package io.insiders.api.accounts;

import java.security.SecureRandom;

/** The passwords of new accounts: random, from {@link SecureRandom}, without the characters people misread. */
final class PasswordGenerator {

    /** Letters and digits, less 0/O, 1/l/I: 57 symbols, so 20 of them hold about 116 bits. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
