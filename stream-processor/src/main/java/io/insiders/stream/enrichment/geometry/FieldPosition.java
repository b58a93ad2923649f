package io.insiders.stream.enrichment.geometry;

/**
 * A position on a field, in metres from its origin corner.
 *
 * @param x along the length, towards the second corner
 * @param y along the width, towards the fourth corner
 */
public record FieldPosition(double x, double y) {
}
