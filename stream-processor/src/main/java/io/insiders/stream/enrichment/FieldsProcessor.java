package io.insiders.stream.enrichment;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fields' global store: each valid field record of {@code insiders.fields} as it came.
 * A record that cannot be read is refused and logged with its offset; the previous version stays.
 */
public final class FieldsProcessor implements Processor<Bytes, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(FieldsProcessor.class);

    private final String storeName;
    private final FieldCatalog catalog;
    private KeyValueStore<Bytes, byte[]> store;
    private ProcessorContext<Void, Void> context;

    public FieldsProcessor(String storeName, FieldCatalog catalog) {
        this.storeName = storeName;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        catalog.attach(store);
    }

    @Override
    public void process(Record<Bytes, byte[]> record) {
        if (record.key() == null) {
            warn("no key (the field id)");
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            catalog.changed();
            return;
        }
        try {
            FieldDefinition field = FieldDefinition.fromJson(record.value());
            String key = new String(record.key().get(), StandardCharsets.UTF_8);
            if (!key.equals(Long.toString(field.id()))) {
                warn("key " + key + " is not the field's id " + field.id());
                return;
            }
            store.put(record.key(), record.value());
            catalog.changed();
        } catch (IllegalArgumentException e) {
            warn(e.getMessage());
        }
    }

    private void warn(String reason) {
        LOG.warn("field record refused at {}: {}",
                context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"), reason);
    }
}
