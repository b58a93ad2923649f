package io.insiders.api.preprocessed;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A page of a listing, as the API answers it: {@code next} and {@code previous} are page numbers, not links.
 *
 * @param count the rows of the whole listing
 * @param page this page's number, from 1
 * @param next the next page's number, or null
 * @param previous the previous page's number, or null
 * @param results this page's rows
 * @param <T> the row type
 */
@JsonPropertyOrder({"count", "page", "next", "previous", "results"})
public record PageBody<T>(long count, long page, Long next, Long previous, List<T> results) {
}
