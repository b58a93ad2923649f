package io.insiders.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * The earlier versions of each record schema, as they were shipped.
 *
 * <p>When a schema changes, its previous text is copied to
 * {@code io/insiders/schemas/history/<Name>-v<N>.avsc} (N counting from 1) before the new version
 * replaces it in {@code src/main/avro}. Readers register every such version, so records written by
 * producers that are not yet upgraded still decode.
 */
public final class ShippedSchemas {

    private static final String HISTORY = "/io/insiders/schemas/history/";

    private ShippedSchemas() {
    }

    /** Every earlier shipped version of {@code current}, oldest first; empty for a schema never changed. */
    public static List<Schema> previousVersions(Schema current) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = HISTORY + current.getName() + "-v" + version + ".avsc";
            try (InputStream in = ShippedSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }
}
