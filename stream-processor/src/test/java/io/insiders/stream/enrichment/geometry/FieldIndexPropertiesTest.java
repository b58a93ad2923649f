package io.insiders.stream.enrichment.geometry;

import static io.insiders.schemas.testing.PropertyCheck.decimal;
import static org.assertj.core.api.Assertions.assertThat;

import io.insiders.schemas.testing.PropertyCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The index must answer exactly like checking every field in id order, the slow and obvious way. */
class FieldIndexPropertiesTest {

    private static final List<GeodesicPitch> PITCHES = new ArrayList<>();
    private static final Map<Long, FieldGeometry> FIELDS = new HashMap<>();
    private static final FieldIndex INDEX;

    static {
        Random random = new Random(5L);
        // Crowded places where fields overlap, and fields straddling the antimeridian and around the poles.
        double[][] places = {{48.8412, 2.253}, {-33.89, 151.22}, {0.0, 0.0}, {-16.8, 179.9995}, {89.9993, 0.0}, {-89.9993, 0.0}};
        for (double[] place : places) {
            for (int i = 0; i < 50; i++) {
                // Within a few hundred metres of the place: about 0.003 degrees of latitude.
                double latitude = Math.max(-89.9999, Math.min(89.9999, place[0] + (random.nextDouble() - 0.5) * 0.006));
                double longitude = place[1] + (random.nextDouble() - 0.5) * 0.006 / Math.max(0.01, Math.cos(Math.toRadians(latitude)));
                longitude = longitude > 180.0 ? longitude - 360.0 : longitude;
                PITCHES.add(GeodesicPitch.of(latitude, longitude, random.nextDouble() * 360.0, 105.0 + 15.0 * random.nextDouble(),
                        68.0 + 12.0 * random.nextDouble(), random.nextBoolean()));
            }
        }
        for (GeodesicPitch pitch : PITCHES) {
            FIELDS.put(random.nextLong() % 1000, pitch.field(pitch.toString()));
        }
        INDEX = FieldIndex.of(FIELDS);
    }

    @Test
    void findsWhatCheckingEveryFieldInIdOrderFinds() {
        PropertyCheck.forAll("finds what checking every field in id order finds", 3000, FieldIndexPropertiesTest::pointNearFields,
                point -> {
                    Optional<FieldHit> expected = Optional.empty();
                    for (Map.Entry<Long, FieldGeometry> field : new TreeMap<>(FIELDS).entrySet()) {
                        Optional<FieldPosition> position = field.getValue().locate(point);
                        if (position.isPresent()) {
                            expected = Optional.of(new FieldHit(field.getKey(), position.get().x(), position.get().y()));
                            break;
                        }
                    }
                    assertThat(INDEX.locate(point)).isEqualTo(expected);
                });
    }

    /** A point on or around a random field, from well before its origin corner to well beyond the opposite one. */
    private static GeoPoint pointNearFields(SplittableRandom r) {
        GeodesicPitch pitch = PITCHES.get(r.nextInt(PITCHES.size()));
        return pitch.point(decimal(r, -50.0, 170.0, 2), decimal(r, -50.0, 130.0, 2));
    }
}
