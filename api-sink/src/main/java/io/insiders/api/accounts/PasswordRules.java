package io.insiders.api.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Django's default password validators, in the order a new Django project lists them, with their exact
 * messages: not too similar to the user's username, first name, last name or email address (similarity
 * 0.7 by {@code SequenceMatcher.quick_ratio}), at least 8 characters, not one of the 20,000 common
 * passwords Django ships, not entirely numeric. One more rule comes from bcrypt, which reads only the
 * first 72 bytes of a password: a longer one would be accepted for less than it is.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;
    public static final String TOO_SHORT = "This password is too short. It must contain at least " + MIN_LENGTH + " characters.";
    public static final String TOO_COMMON = "This password is too common.";
    public static final String NUMERIC = "This password is entirely numeric.";
    public static final String TOO_LONG = "This password is too long. It must contain at most " + MAX_BYTES + " bytes.";

    private static final double MAX_SIMILARITY = 0.7;
    private static final Pattern NON_WORD = Pattern.compile("\\W+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String COMMON_PASSWORDS = "common-passwords.txt.gz";

    private final Set<String> common;

    private PasswordRules(Set<String> common) {
        this.common = common;
    }

    /** The rules with Django's list of common passwords. */
    public static PasswordRules load() {
        Set<String> common = new HashSet<>(40_000);
        try (InputStream in = PasswordRules.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                common.add(line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PasswordRules(Set.copyOf(common));
    }

    /**
     * What is wrong with {@code password} for this manager, in Django's order; empty when nothing is.
     *
     * @param attributes the user's attributes the password must not resemble, by their Django verbose name
     *     ({@code username}, {@code first name}, {@code last name}, {@code email address}); null values are skipped
     */
    public List<String> check(String password, Map<String, String> attributes) {
        List<String> problems = new ArrayList<>();
        similarity(password, attributes).ifPresent(problems::add);
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add(TOO_SHORT);
        }
        if (common.contains(password.toLowerCase(Locale.ROOT).strip())) {
            problems.add(TOO_COMMON);
        }
        if (!password.isEmpty() && password.codePoints().allMatch(Character::isDigit)) {
            problems.add(NUMERIC);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            problems.add(TOO_LONG);
        }
        return problems;
    }

    /** A manager's attributes as {@link #check} takes them, in Django's order. */
    public static Map<String, String> attributes(Manager manager) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("username", manager.username());
        attributes.put("first name", manager.firstName());
        attributes.put("last name", manager.lastName());
        attributes.put("email address", manager.email());
        return attributes;
    }

    private static Optional<String> similarity(String password, Map<String, String> attributes) {
        String lower = password.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String value = attribute.getValue();
            if (value == null || value.isEmpty()) {
                continue;
            }
            String valueLower = value.toLowerCase(Locale.ROOT);
            List<String> parts = new ArrayList<>(List.of(NON_WORD.split(valueLower)));
            parts.add(valueLower);
            for (String part : parts) {
                if (exceedsMaximumLengthRatio(lower, part)) {
                    continue;
                }
                if (quickRatio(lower, part) >= MAX_SIMILARITY) {
                    return Optional.of("The password is too similar to the " + attribute.getKey() + ".");
                }
            }
        }
        return Optional.empty();
    }

    /** Django's shortcut: a value far shorter than the password can never be similar enough. */
    private static boolean exceedsMaximumLengthRatio(String password, String value) {
        int passwordLength = password.codePointCount(0, password.length());
        int valueLength = value.codePointCount(0, value.length());
        return passwordLength >= 10 * valueLength && valueLength < MAX_SIMILARITY / 2 * passwordLength;
    }

    /** Python's {@code difflib.SequenceMatcher(a=a, b=b).quick_ratio()}: 2 × the characters in common / the total length. */
    static double quickRatio(String a, String b) {
        int[] first = a.codePoints().toArray();
        int[] second = b.codePoints().toArray();
        if (first.length + second.length == 0) {
            return 1.0;
        }
        Map<Integer, Integer> available = new HashMap<>();
        for (int c : second) {
            available.merge(c, 1, Integer::sum);
        }
        int matches = 0;
        for (int c : first) {
            int left = available.getOrDefault(c, 0);
            available.put(c, left - 1);
            if (left > 0) {
                matches++;
            }
        }
        return 2.0 * matches / (first.length + second.length);
    }
}
