package io.insiders.api.preprocessed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.insiders.api.web.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Page numbers, page sizes and the size of the latest data, read as Django REST Framework reads them. */
class PagingTest {

    @ParameterizedTest
    @CsvSource({"'', 10000", "abc, 10000", "0, 10000", "-5, 10000", "1.5, 10000", "1, 1", "' 20 ', 20", "+20, 20", "25000, 25000",
        "25001, 25000", "99999999999999999999999, 25000"})
    void aLimitThatIsNotAPositiveIntegerIsIgnoredAndOneTooLargeIsClamped(String limit, int expected) {
        assertThat(Paging.limit(query("limit", limit), 10_000, 25_000)).isEqualTo(expected);
    }

    @Test
    void withoutLimitTheDefaultApplies() {
        assertThat(Paging.limit(query(), 10_000, 25_000)).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "", "1.0", "2.5", "99999999999999999999999"})
    void aPageThatIsNotAPositiveIntegerIsInvalid(String page) {
        assertInvalidPage(() -> Paging.page(query("page", page)));
    }

    @Test
    void pagesCountFromOneAndLastNamesTheLast() {
        assertThat(Paging.page(query())).isEqualTo(1);
        assertThat(Paging.page(query("page", "3"))).isEqualTo(3);
        assertThat(Paging.page(query("page", " 3 "))).isEqualTo(3);
        assertThat(Paging.window(25, 10, Paging.page(query("page", "last")))).isEqualTo(new Paging.PageWindow(3, 20, 5, null, 2L));
    }

    @Test
    void aParameterGivenTwiceCountsWithItsLastValue() {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("page", "1");
        query.add("page", "2");
        assertThat(Paging.page(query)).isEqualTo(2);
    }

    @Test
    void aWindowKnowsItsNeighboursAndAPagePastTheEndIsInvalid() {
        assertThat(Paging.window(25, 10, 1)).isEqualTo(new Paging.PageWindow(1, 0, 10, 2L, null));
        assertThat(Paging.window(25, 10, 2)).isEqualTo(new Paging.PageWindow(2, 10, 10, 3L, 1L));
        assertThat(Paging.window(25, 10, 3)).isEqualTo(new Paging.PageWindow(3, 20, 5, null, 2L));
        assertThat(Paging.window(20, 10, 2)).isEqualTo(new Paging.PageWindow(2, 10, 10, null, 1L));
        assertInvalidPage(() -> Paging.window(20, 10, 3));
        assertInvalidPage(() -> Paging.window(25, 10, 4));
    }

    @Test
    void anEmptyListingHasOneEmptyPage() {
        assertThat(Paging.window(0, 10, 1)).isEqualTo(new Paging.PageWindow(1, 0, 0, null, null));
        assertThat(Paging.window(0, 10, Paging.LAST)).isEqualTo(new Paging.PageWindow(1, 0, 0, null, null));
        assertInvalidPage(() -> Paging.window(0, 10, 2));
    }

    @ParameterizedTest
    @CsvSource({"'', 1", "1, 1", "300, 300", "' 7 ', 7", "+7, 7", "7.0, 7", "7., 7", "'7.00 ', 7"})
    void theLatestSizeIsAnIntegerFromOneTo300(String size, int expected) {
        assertThat(QueryParameters.boundedInteger(query("size", size), "size", 1, 1, 300)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0      | Ensure this value is greater than or equal to 1.",
        "-3     | Ensure this value is greater than or equal to 1.",
        "301    | Ensure this value is less than or equal to 300.",
        "1e3    | A valid integer is required.",
        "7.5    | A valid integer is required.",
        "seven  | A valid integer is required.",
        "99999999999999999999999 | Ensure this value is less than or equal to 300.",
    })
    void aLatestSizeOutOfBoundsNamesTheBound(String size, String message) {
        assertThatThrownBy(() -> QueryParameters.boundedInteger(query("size", size), "size", 1, 1, 300))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.body()).isEqualTo(Map.of("size", List.of(message)));
                });
    }

    private static void assertInvalidPage(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(404);
            assertThat(e.body()).isEqualTo(Map.of("detail", "Invalid page."));
        });
    }

    private static MultiValueMap<String, String> query(String... pairs) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.add(pairs[i], pairs[i + 1]);
        }
        return query;
    }
}
