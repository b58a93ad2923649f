package io.insiders.schemas;

/** The serdes of the project's Avro records, one shared instance each (they are thread-safe). */
public final class Serdes {

    private static final SingleObjectSerde<Frame> FRAME = SingleObjectSerde.of(Frame.class);
    private static final SingleObjectSerde<EnrichedFrame> ENRICHED_FRAME = SingleObjectSerde.of(EnrichedFrame.class);
    private static final SingleObjectSerde<ActivityRange> ACTIVITY_RANGE = SingleObjectSerde.of(ActivityRange.class);
    private static final SingleObjectSerde<AsiUpload> ASI_UPLOAD = SingleObjectSerde.of(AsiUpload.class);

    private Serdes() {
    }

    /** Frames as producers publish them on {@code insiders.frames.raw}. */
    public static SingleObjectSerde<Frame> frame() {
        return FRAME;
    }

    /** Enriched frames on {@code insiders.frames.enriched}. */
    public static SingleObjectSerde<EnrichedFrame> enrichedFrame() {
        return ENRICHED_FRAME;
    }

    /** Activity range changes on {@code insiders.activity-ranges}. */
    public static SingleObjectSerde<ActivityRange> activityRange() {
        return ACTIVITY_RANGE;
    }

    /** Uploaded ASI files on {@code insiders.asi.uploads}. */
    public static SingleObjectSerde<AsiUpload> asiUpload() {
        return ASI_UPLOAD;
    }
}
