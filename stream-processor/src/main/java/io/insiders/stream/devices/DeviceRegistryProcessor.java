package io.insiders.stream.devices;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device registry: every provisioning record, as it came, keyed by device id.
 *
 * <p>A record that cannot be read is not stored (the previous version of the device stays) and is
 * logged with its offset: the fleet system owns this topic and must correct it.
 */
public final class DeviceRegistryProcessor implements Processor<Bytes, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistryProcessor.class);

    private final String storeName;
    private final DeviceDirectory directory;
    private KeyValueStore<Bytes, byte[]> store;
    private ProcessorContext<Void, Void> context;

    public DeviceRegistryProcessor(String storeName, DeviceDirectory directory) {
        this.storeName = storeName;
        this.directory = directory;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        directory.attach(store);
    }

    @Override
    public void process(Record<Bytes, byte[]> record) {
        if (record.key() == null) {
            warn(record, "no key (the device id)");
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            parseId(record.key()).ifPresent(directory::removed);
            return;
        }
        try {
            DeviceRecord device = DeviceRecord.fromJson(record.value());
            String key = new String(record.key().get(), StandardCharsets.UTF_8);
            if (!key.equals(Long.toString(device.id()))) {
                warn(record, "key " + key + " is not the record's id " + device.id());
                return;
            }
            store.put(record.key(), record.value());
            directory.provisioned(device);
        } catch (IllegalArgumentException e) {
            warn(record, e.getMessage());
        }
    }

    private static Optional<Long> parseId(Bytes key) {
        try {
            return Optional.of(Long.parseLong(new String(key.get(), StandardCharsets.UTF_8)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void warn(Record<Bytes, byte[]> record, String reason) {
        LOG.warn("provisioning record refused at {}: {}",
                context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"), reason);
    }
}
