package io.insiders.stream.enrichment.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class GeoPointTest {

    @Test
    void acceptsTheWholeRange() {
        assertThat(new GeoPoint(-90.0, -180.0)).isEqualTo(new GeoPoint(-90.0, -180.0));
        assertThat(new GeoPoint(90.0, 180.0).latitude()).isEqualTo(90.0);
        assertThat(new GeoPoint(48.8412, 2.253).longitude()).isEqualTo(2.253);
    }

    @Test
    void rejectsLatitudesOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(90.000001, 0.0))
                .withMessage("latitude must be within [-90, 90] degrees, was 90.000001");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(-91.0, 0.0)).withMessageContaining("was -91.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(Double.NaN, 0.0)).withMessageContaining("was NaN");
    }

    @Test
    void rejectsLongitudesOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0.0, 180.5))
                .withMessage("longitude must be within [-180, 180] degrees, was 180.5");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0.0, -360.0)).withMessageContaining("was -360.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0.0, Double.POSITIVE_INFINITY))
                .withMessageContaining("was Infinity");
    }
}
