package io.insiders.api.preprocessed;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.insiders.schemas.IsoTimes;
import io.insiders.stream.ranges.Range;

/**
 * An activity range as the API answers it.
 *
 * @param start its first sample's time, {@code 2021-05-29T16:12:00Z} or {@code 2021-05-29T17:31:11.900000Z}
 * @param stop its last sample's time, in the same form
 * @param size how many samples it holds
 */
@JsonPropertyOrder({"start", "stop", "size"})
public record RangeRow(String start, String stop, long size) {

    static RangeRow of(Range range) {
        return new RangeRow(IsoTimes.zulu(range.start()), IsoTimes.zulu(range.stop()), range.size());
    }
}
