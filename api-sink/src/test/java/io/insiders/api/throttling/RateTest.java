package io.insiders.api.throttling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class RateTest {

    @Test
    void readsTheFourPeriodsOfDjangoRestFramework() {
        assertThat(Rate.parse("10/second")).isEqualTo(new Rate(10, Duration.ofSeconds(1)));
        assertThat(Rate.parse("100/minute")).isEqualTo(new Rate(100, Duration.ofMinutes(1)));
        assertThat(Rate.parse("5000/hour")).isEqualTo(new Rate(5000, Duration.ofHours(1)));
        assertThat(Rate.parse("100000/day")).isEqualTo(new Rate(100000, Duration.ofDays(1)));
    }

    @Test
    void acceptsTheShortAndPluralSpellingsAndSpacesAroundTheParts() {
        assertThat(Rate.parse("3/s")).isEqualTo(new Rate(3, Duration.ofSeconds(1)));
        assertThat(Rate.parse("3/sec")).isEqualTo(new Rate(3, Duration.ofSeconds(1)));
        assertThat(Rate.parse("3/min")).isEqualTo(new Rate(3, Duration.ofMinutes(1)));
        assertThat(Rate.parse("3/m")).isEqualTo(new Rate(3, Duration.ofMinutes(1)));
        assertThat(Rate.parse("3/h")).isEqualTo(new Rate(3, Duration.ofHours(1)));
        assertThat(Rate.parse("3/d")).isEqualTo(new Rate(3, Duration.ofDays(1)));
        assertThat(Rate.parse("3/Minutes")).isEqualTo(new Rate(3, Duration.ofMinutes(1)));
        assertThat(Rate.parse(" 100 / minute ")).isEqualTo(new Rate(100, Duration.ofMinutes(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "100", "/minute", "100/", "abc/minute", "1.5/minute", "-1/minute", "+1/minute", "0/minute",
        "100/week", "100/minute/hour", "100 per minute", "99999999999999999999/minute"})
    void refusesAnythingElseWithTheReason(String text) {
        assertThatThrownBy(() -> Rate.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Rate.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsAsItIsWritten() {
        assertThat(Rate.parse("100/min")).hasToString("100/minute");
        assertThat(Rate.parse("7/s")).hasToString("7/second");
        assertThat(Rate.parse("7/hours")).hasToString("7/hour");
        assertThat(Rate.parse("7/d")).hasToString("7/day");
    }

    @Test
    void theSettingsBindFromTextWithTheirDefaults() {
        ThrottlingProperties defaults = bind(Map.of());
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.anonymousRate()).isEqualTo(Rate.parse("100/minute"));
        assertThat(defaults.userRate()).isEqualTo(Rate.parse("1000/minute"));
        assertThat(defaults.maxClients()).isEqualTo(100_000);

        ThrottlingProperties set = bind(Map.of("insiders.throttling.enabled", "false",
                "insiders.throttling.anonymous-rate", "20/second", "insiders.throttling.user-rate", "50000/day",
                "insiders.throttling.max-clients", "10"));
        assertThat(set.enabled()).isFalse();
        assertThat(set.anonymousRate()).isEqualTo(new Rate(20, Duration.ofSeconds(1)));
        assertThat(set.userRate()).isEqualTo(new Rate(50000, Duration.ofDays(1)));
        assertThat(set.maxClients()).isEqualTo(10);
    }

    @Test
    void aWrongRateStopsTheBinding() {
        assertThatThrownBy(() -> bind(Map.of("insiders.throttling.anonymous-rate", "100/week")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("invalid rate '100/week'");
        assertThatThrownBy(() -> bind(Map.of("insiders.throttling.max-clients", "0"))).isInstanceOf(BindException.class);
    }

    private static ThrottlingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("insiders.throttling", ThrottlingProperties.class);
    }
}
