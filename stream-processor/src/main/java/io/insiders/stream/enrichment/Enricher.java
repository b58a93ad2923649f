package io.insiders.stream.enrichment;

import java.util.Optional;

import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Frame;
import io.insiders.stream.enrichment.geometry.FieldHit;

/** Adds to a frame what the pipeline knows beside it: its device's id, and its position on a field. */
public final class Enricher {

    private final FieldCatalog fields;

    public Enricher(FieldCatalog fields) {
        this.fields = fields;
    }

    /** The enriched frame of {@code frame}, sent by device {@code deviceId}. */
    public EnrichedFrame enrich(Frame frame, long deviceId) {
        EnrichedFrame.Builder enriched = EnrichedFrame.newBuilder()
                .setDeviceId(deviceId)
                .setDeviceName(frame.getDeviceName())
                .setTimestamp(frame.getTimestamp())
                .setLatitude(frame.getLatitude())
                .setLongitude(frame.getLongitude())
                .setAltitude(frame.getAltitude())
                .setSpeed(frame.getSpeed())
                .setGnssTimestamp(frame.getGnssTimestamp())
                .setHeartRate(frame.getHeartRate());
        if (frame.getLatitude() != null && frame.getLongitude() != null) {
            Optional<FieldHit> hit = fields.index().locate(frame.getLatitude(), frame.getLongitude());
            hit.ifPresent(h -> enriched.setFieldId(h.fieldId()).setFieldX(h.x()).setFieldY(h.y()));
        }
        return enriched.build();
    }
}
