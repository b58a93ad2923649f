package io.insiders.api.preprocessed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The times a query's start and stop take: epoch milliseconds and every ISO form the API's clients send. */
class QueryTimesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1622246400000                    | 2021-05-29T00:00:00Z",
        "0                                | 1970-01-01T00:00:00Z",
        "2021-05-29T00:00:00+0000         | 2021-05-29T00:00:00Z",
        "2021-05-29T00:00:00+00:00        | 2021-05-29T00:00:00Z",
        "2021-05-29T00:00:00Z             | 2021-05-29T00:00:00Z",
        "2021-05-29T00:00:00              | 2021-05-29T00:00:00Z",
        "2020-02-20T13:00:00+0100         | 2020-02-20T12:00:00Z",
        "2020-02-20T13:00:00+01           | 2020-02-20T12:00:00Z",
        "2020-02-20T13:00:00-05:30        | 2020-02-20T18:30:00Z",
        "2020-02-20T13:00:00 +01:00       | 2020-02-20T12:00:00Z",
        "2021-05-29T00:00:00 0000         | 2021-05-29T00:00:00Z",
        "2020-02-20T13:00:00 0100         | 2020-02-20T12:00:00Z",
        "2020-02-20T13:00:00 01:00        | 2020-02-20T12:00:00Z",
        "2021-05-29T17:31:11.9Z           | 2021-05-29T17:31:11.900Z",
        "2021-05-29T17:31:11.900000+00:00 | 2021-05-29T17:31:11.900Z",
        "2021-05-29T17:31:11,25+0000      | 2021-05-29T17:31:11.250Z",
        "2021-05-29T17:31:11.123456789Z   | 2021-05-29T17:31:11.123456Z",
        "2021-05-29T17:31:11.000001 0000  | 2021-05-29T17:31:11.000001Z",
        "2021-05-29 17:31:11Z             | 2021-05-29T17:31:11Z",
        "2021-05-29T17:31Z                | 2021-05-29T17:31:00Z",
        "2021-5-9T7:03:04Z                | 2021-05-09T07:03:04Z",
        "2021-05-29                       | 2021-05-29T00:00:00Z",
        "' 1622246400000 '                | 2021-05-29T00:00:00Z",
    })
    void readsEveryDocumentedForm(String text, String expected) {
        Instant instant = Instant.parse(expected);
        long micros = instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        assertThat(QueryTimes.epochMicros(text)).hasValue(micros);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2021-05-29T00:00:00+2400", "2021-05-29T00:00:00+0060", "2021-13-01T00:00:00Z",
        "2021-02-30T00:00:00Z", "2021-05-29T24:00:00Z", "2021-05-29T00:00:60Z", "2021-05-29T00:00:00+0", "-1622246400000",
        "1622246400000.5", "1e12", "9999999999999999", "2021-05-29T00:00:00ZZ", "0000-01-01T00:00:00Z", "2021-05-29T"})
    void refusesWhatIsNoTime(String text) {
        assertThat(QueryTimes.epochMicros(text)).isEqualTo(OptionalLong.empty());
    }
}
