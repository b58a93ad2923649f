package io.insiders.stream.enrichment.geometry;

/**
 * A position found on one of the fields of a {@link FieldIndex}.
 *
 * @param fieldId the id the field was registered under
 * @param x       metres from the field's origin corner along its length
 * @param y       metres from the field's origin corner along its width
 */
public record FieldHit(long fieldId, double x, double y) {
}
