package io.insiders.stream.enrichment;

import java.util.HashMap;
import java.util.Map;

import io.insiders.stream.enrichment.geometry.FieldGeometry;
import io.insiders.stream.enrichment.geometry.FieldIndex;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known fields as an index ready for lookups, shared by every task of one application instance.
 *
 * <p>The fields themselves are a global store (a copy of {@code insiders.fields}). The index is
 * built from it when first asked, and rebuilt after each change the fields' processor reports:
 * fields change rarely, frames arrive by the hundred thousand, so lookups read a published
 * immutable index without locking.
 */
public final class FieldCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(FieldCatalog.class);

    private ReadOnlyKeyValueStore<Bytes, byte[]> store;
    private volatile FieldIndex index;

    synchronized void attach(ReadOnlyKeyValueStore<Bytes, byte[]> fields) {
        this.store = fields;
        this.index = null;
    }

    /**
     * Called after each change to the store: the next lookup rebuilds the index. Synchronized with
     * {@link #rebuild()}: a rebuild that started before the change (its iterator may not see it)
     * finishes first and is then discarded, instead of being published after this reset.
     */
    synchronized void changed() {
        index = null;
    }

    /** The current index of fields. */
    public FieldIndex index() {
        FieldIndex current = index;
        return current != null ? current : rebuild();
    }

    private synchronized FieldIndex rebuild() {
        if (index != null) {
            return index;
        }
        if (store == null) {
            return FieldIndex.empty();
        }
        Map<Long, FieldGeometry> fields = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null) {
                    try {
                        FieldDefinition field = FieldDefinition.fromJson(entry.value);
                        fields.put(field.id(), field.geometry());
                    } catch (IllegalArgumentException e) {
                        LOG.warn("ignoring unreadable field {}: {}", entry.key, e.getMessage());
                    }
                }
            });
        }
        FieldIndex built = FieldIndex.of(fields);
        index = built;
        return built;
    }
}
