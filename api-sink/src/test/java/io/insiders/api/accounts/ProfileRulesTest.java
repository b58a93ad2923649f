package io.insiders.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Django's rules on usernames and email addresses. */
class ProfileRulesTest {

    @Test
    void emailAddressesAsDjangoValidatesThem() {
        assertThat(ProfileRules.validEmail("jon.doe@example.com")).isTrue();
        assertThat(ProfileRules.validEmail("jon+tag@sub.example.co.uk")).isTrue();
        assertThat(ProfileRules.validEmail("\"jon!doe\"@example.com")).isTrue();
        assertThat(ProfileRules.validEmail("jon@localhost")).isTrue();
        assertThat(ProfileRules.validEmail("jon@[127.0.0.1]")).isTrue();
        assertThat(ProfileRules.validEmail("jon@[::1]")).isTrue();
        assertThat(ProfileRules.validEmail("jon@bücher.example")).isTrue();

        assertThat(ProfileRules.validEmail("jon")).isFalse();
        assertThat(ProfileRules.validEmail("jon@")).isFalse();
        assertThat(ProfileRules.validEmail("@example.com")).isFalse();
        assertThat(ProfileRules.validEmail("jon@example")).isFalse();
        assertThat(ProfileRules.validEmail("jon@-example.com")).isFalse();
        assertThat(ProfileRules.validEmail("jon doe@example.com")).isFalse();
        assertThat(ProfileRules.validEmail("\"jon doe\"@example.com")).isFalse();
        assertThat(ProfileRules.validEmail("jon..doe@example.com")).isFalse();
        assertThat(ProfileRules.validEmail("jon@[300.0.0.1]")).isFalse();
        assertThat(ProfileRules.validEmail("jon@example.c")).isFalse();
    }

    @Test
    void usernamesOfLettersDigitsAndFiveSymbols() {
        assertThat(ProfileRules.validUsername("jon.doe@example.com")).isTrue();
        assertThat(ProfileRules.validUsername("Jöns_Ångström-2+x")).isTrue();
        assertThat(ProfileRules.validUsername("jon doe")).isFalse();
        assertThat(ProfileRules.validUsername("jon!")).isFalse();
        assertThat(ProfileRules.validUsername("jon\n")).isFalse();
        // NFKC, as Django normalizes usernames: the ligature is two letters.
        assertThat(ProfileRules.normalizeUsername("ﬁona")).isEqualTo("fiona");
    }
}
