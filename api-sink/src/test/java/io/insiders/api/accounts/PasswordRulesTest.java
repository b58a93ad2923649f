package io.insiders.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Django's password validators, with Django's messages and Python's similarity figures. */
class PasswordRulesTest {

    private static final PasswordRules RULES = PasswordRules.load();

    private static Map<String, String> user(String username, String first, String last, String email) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("username", username);
        attributes.put("first name", first);
        attributes.put("last name", last);
        attributes.put("email address", email);
        return attributes;
    }

    @Test
    void aWeakPasswordGetsEveryReasonInDjangosOrder() {
        assertThat(RULES.check("1234567", user("jon", "", "", "jon@example.com"))).containsExactly(
                "This password is too short. It must contain at least 8 characters.",
                "This password is too common.",
                "This password is entirely numeric.");
        assertThat(RULES.check("password", user("jon", "", "", "jon@example.com"))).containsExactly("This password is too common.");
        assertThat(RULES.check("  PassWord ", user("jon", "", "", "jon@example.com"))).containsExactly("This password is too common.");
        assertThat(RULES.check("8395018274", user("jon", "", "", "jon@example.com"))).containsExactly("This password is entirely numeric.");
    }

    @Test
    void aPasswordTooCloseToTheUsersAttributesNamesTheAttribute() {
        assertThat(RULES.check("jondoe123", user("jon.doe", "", "", "x@example.com")))
                .containsExactly("The password is too similar to the username.");
        assertThat(RULES.check("Fitzgerald1", user("jd", "Fitzgerald", "", "x@example.com")))
                .containsExactly("The password is too similar to the first name.");
        assertThat(RULES.check("Ramanujan77", user("jd", "", "Ramanujan", "x@example.com")))
                .containsExactly("The password is too similar to the last name.");
        // Each part of the address counts, as does the whole.
        assertThat(RULES.check("examplepass", user("jd", "", "", "someone@example.org")))
                .containsExactly("The password is too similar to the email address.");
    }

    @Test
    void aGoodPasswordPasses() {
        assertThat(RULES.check("SuperPassword$$123", user("jon.doe@example.com", "Jon", "Doe", "jon.doe@example.com"))).isEmpty();
        assertThat(RULES.check("correct horse battery staple", user("jon", "", "", "jon@example.com"))).isEmpty();
    }

    @Test
    void aPasswordBcryptWouldCutIsRefused() {
        assertThat(RULES.check("Xq7".repeat(25), user("jon", "", "", "jon@example.com")))
                .containsExactly("This password is too long. It must contain at most 72 bytes.");
    }

    @Test
    void quickRatioIsPythons() {
        // The figures of difflib.SequenceMatcher(a=..., b=...).quick_ratio() in CPython.
        assertThat(PasswordRules.quickRatio("jondoe123", "jon.doe")).isCloseTo(0.75, within(1e-12));
        assertThat(PasswordRules.quickRatio("jondoe123", "jondoe")).isCloseTo(0.8, within(1e-12));
        assertThat(PasswordRules.quickRatio("superpassword", "jon")).isCloseTo(0.125, within(1e-12));
        assertThat(PasswordRules.quickRatio("doe12345678", "doe")).isCloseTo(0.42857142857142855, within(1e-12));
        assertThat(PasswordRules.quickRatio("abcdefgh", "hgfedcba")).isEqualTo(1.0);
    }
}
