package io.insiders.ingest.asi;

import java.util.List;
import java.util.Map;

/**
 * The result of decoding one ASI file.
 *
 * @param frames  the usable fixes in time order (a stable sort, so fixes with the same time keep their file order)
 * @param details a JSON-ready summary of the decoding; see {@link AsiDecoder} for its keys
 */
public record AsiDecoding(List<AsiFix> frames, Map<String, Object> details) {

    /** Copies both arguments so that the result stays immutable. */
    public AsiDecoding {
        frames = List.copyOf(frames);
        details = AsiDetails.unmodifiable(details);
    }
}
