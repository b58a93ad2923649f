package io.insiders.api.preprocessed;

import java.math.BigInteger;
import java.util.List;

import io.insiders.api.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;

/**
 * Page numbers and sizes, as Django REST Framework's {@code PageNumberPagination} reads them: {@code limit}
 * that is not a positive integer is ignored (the default applies), one above the maximum is clamped; {@code page}
 * counts from 1, {@code last} names the last page, and anything else that names no page is 404 "Invalid page.".
 */
public final class Paging {

    /** The {@code page} value "last", before the count is known. */
    public static final long LAST = -1;

    private Paging() {
    }

    /** The page size asked for by {@code limit}: {@code byDefault} when absent or not a positive integer, at most {@code max}. */
    public static int limit(MultiValueMap<String, String> query, int byDefault, int max) {
        String raw = QueryParameters.value(query, "limit");
        BigInteger asked = raw == null ? null : QueryParameters.integer(raw);
        if (asked == null || asked.signum() <= 0) {
            return byDefault;
        }
        return asked.min(BigInteger.valueOf(max)).intValue();
    }

    /** The page asked for: 1 when absent, {@link #LAST} for "last". */
    public static long page(MultiValueMap<String, String> query) {
        String raw = QueryParameters.value(query, "page");
        if (raw == null) {
            return 1;
        }
        if ("last".equals(raw)) {
            return LAST;
        }
        BigInteger asked = QueryParameters.integer(raw);
        if (asked == null || asked.signum() <= 0 || asked.bitLength() > 62) {
            throw invalidPage();
        }
        return asked.longValue();
    }

    /**
     * Where page {@code page} of {@code count} rows, {@code limit} a page, lies. An empty listing has one empty page.
     *
     * @throws ApiException 404 {@code {"detail": "Invalid page."}} for a page past the last
     */
    public static PageWindow window(long count, int limit, long page) {
        long pages = count == 0 ? 1 : (count + limit - 1) / limit;
        long number = page == LAST ? pages : page;
        if (number < 1 || number > pages) {
            throw invalidPage();
        }
        long offset = (number - 1) * limit;
        int size = (int) Math.min(limit, count - offset);
        return new PageWindow(number, offset, size, number < pages ? number + 1 : null, number > 1 ? number - 1 : null);
    }

    public static ApiException invalidPage() {
        return ApiException.detail(HttpStatus.NOT_FOUND, "Invalid page.");
    }

    /**
     * One page of a listing.
     *
     * @param number the page's number, from 1
     * @param offset how many rows come before it
     * @param size how many rows it holds
     * @param next the next page's number, or null on the last
     * @param previous the previous page's number, or null on the first
     */
    public record PageWindow(long number, long offset, int size, Long next, Long previous) {

        /** The page's body around {@code results}. */
        public <T> PageBody<T> body(long count, List<T> results) {
            return new PageBody<>(count, number, next, previous, results);
        }
    }
}
