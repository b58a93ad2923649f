package io.insiders.api.accounts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules on a manager's profile fields, as Django's user model has them: a username of letters,
 * digits and {@code @/./+/-/_} (NFKC-normalized), an email address that Django's {@code EmailValidator}
 * accepts, and their lengths.
 */
public final class ProfileRules {

    public static final int USERNAME_MAX = 150;
    public static final int NAME_MAX = 150;
    public static final int EMAIL_MAX = 254;
    public static final int EXTERNAL_ID_MAX = 255;
    public static final String INVALID_USERNAME =
            "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
    public static final String INVALID_EMAIL = "Enter a valid email address.";

    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]+", Pattern.UNICODE_CHARACTER_CLASS);

    // Django's EmailValidator, case-insensitive: a dot-atom or quoted-string user part, and a domain name whose last
    // label is letters (or punycode), or an address literal.
    private static final Pattern EMAIL_USER = Pattern.compile(
            "[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*"
                    + "|\"([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f!#-\\[\\]-\\x7f]|\\\\[\\x01-\\x09\\x0b\\x0c\\x0e-\\x7f])*\"",
            Pattern.CASE_INSENSITIVE);
    private static final String UL = "\\u00a1-\\uffff";
    private static final Pattern EMAIL_DOMAIN = Pattern.compile(
            "[a-z" + UL + "0-9](?:[a-z" + UL + "0-9-]{0,61}[a-z" + UL + "0-9])?"
                    + "(?:\\.(?!-)[a-z" + UL + "0-9-]{1,63}(?<!-))*"
                    + "\\.(?!-)(?:[a-z" + UL + "-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EMAIL_LITERAL = Pattern.compile("\\[([A-F0-9:.]+)\\]", Pattern.CASE_INSENSITIVE);
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private ProfileRules() {
    }

    /** The username as it is stored and compared: NFKC, as Django normalizes it. */
    public static String normalizeUsername(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFKC);
    }

    public static boolean validUsername(String username) {
        return USERNAME.matcher(username).matches();
    }

    /** Django's {@code EmailValidator}. */
    public static boolean validEmail(String email) {
        if (email == null || email.isEmpty() || email.indexOf('@') < 0 || email.length() > 320) {
            return false;
        }
        int at = email.lastIndexOf('@');
        String user = email.substring(0, at);
        String domain = email.substring(at + 1);
        if (!EMAIL_USER.matcher(user).matches()) {
            return false;
        }
        if ("localhost".equals(domain) || EMAIL_DOMAIN.matcher(domain).matches()) {
            return true;
        }
        var literal = EMAIL_LITERAL.matcher(domain);
        return literal.matches() && validIpLiteral(literal.group(1));
    }

    private static boolean validIpLiteral(String address) {
        if (IPV4.matcher(address).matches()) {
            return true;
        }
        if (address.indexOf(':') < 0) {
            return false;
        }
        try {
            // Only hex digits, colons and dots get here: a literal, never a name to resolve.
            return InetAddress.getByName(address.toLowerCase(Locale.ROOT)).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
