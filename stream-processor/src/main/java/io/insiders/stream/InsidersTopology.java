package io.insiders.stream;

import io.insiders.schemas.Serdes;
import io.insiders.schemas.Topics;
import io.insiders.stream.devices.DeviceDirectory;
import io.insiders.stream.devices.DeviceRegistryProcessor;
import io.insiders.stream.enrichment.Enricher;
import io.insiders.stream.enrichment.FieldCatalog;
import io.insiders.stream.enrichment.FieldsProcessor;
import io.insiders.stream.frames.FrameCounts;
import io.insiders.stream.frames.FrameHistory;
import io.insiders.stream.intake.FrameRules;
import io.insiders.stream.intake.IntakeProcessor;
import io.insiders.stream.latest.LatestTimestamps;
import io.insiders.stream.ranges.ActivityRanges;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The pipeline's topology, built by one method that the application and the tests share.
 *
 * <pre>
 *  insiders.frames.raw  ─► intake-avro ─┐                      ┌─► insiders.frames.enriched
 *  insiders.frames.json ─► intake-json ─┼─► pipeline ──────────┤
 *  insiders.frames.rekeyed ─────────────┘   (frames-by-second, └─► insiders.activity-ranges
 *        ▲  frames not keyed by their device  frame-counts, frame-arrivals,
 *        └──────────────── intake-*            activity-ranges, latest-timestamps)
 *  intake-* ─► insiders.frames.dead-letter (refused records, with the reason)
 *  global stores: devices (insiders.devices.provisioning), fields (insiders.fields)
 * </pre>
 */
public final class InsidersTopology {

    /** Global store of provisioned devices: device id (decimal, UTF-8) to its JSON record. */
    public static final String DEVICES_STORE = "devices";
    /** Global store of fields: field id (decimal, UTF-8) to its JSON record. */
    public static final String FIELDS_STORE = "fields";

    private static final String RAW_SOURCE = "frames-raw";
    private static final String JSON_SOURCE = "frames-json";
    private static final String REKEYED_SOURCE = "frames-rekeyed";
    private static final String INTAKE_AVRO = "intake-avro";
    private static final String INTAKE_JSON = "intake-json";
    private static final String PIPELINE = "pipeline";
    private static final String REKEY_SINK = "rekey-sink";
    private static final String DEAD_LETTER_SINK = "dead-letter-sink";
    private static final String ENRICHED_SINK = "enriched-sink";
    private static final String RANGES_SINK = "ranges-sink";

    private InsidersTopology() {
    }

    /** The topology with {@code settings}; each call builds a new one, with state of its own. */
    public static Topology build(PipelineSettings settings) {
        DeviceDirectory devices = new DeviceDirectory();
        FieldCatalog fields = new FieldCatalog();
        FrameRules rules = new FrameRules(settings.maxAhead(), settings.retention());
        Topology topology = new Topology();

        topology.addGlobalStore(registryStore(DEVICES_STORE), "devices-source", new BytesDeserializer(),
                new ByteArrayDeserializer(), Topics.DEVICES_PROVISIONING, "devices-registry",
                () -> new DeviceRegistryProcessor(DEVICES_STORE, devices));
        topology.addGlobalStore(registryStore(FIELDS_STORE), "fields-source", new BytesDeserializer(),
                new ByteArrayDeserializer(), Topics.FIELDS, "fields-registry",
                () -> new FieldsProcessor(FIELDS_STORE, fields));

        topology.addSource(RAW_SOURCE, new BytesDeserializer(), new ByteArrayDeserializer(), Topics.FRAMES_RAW);
        topology.addSource(JSON_SOURCE, new BytesDeserializer(), new ByteArrayDeserializer(), Topics.FRAMES_JSON);
        topology.addSource(REKEYED_SOURCE, new StringDeserializer(), Serdes.frame().deserializer(), Topics.FRAMES_REKEYED);

        topology.addProcessor(INTAKE_AVRO, () -> new IntakeProcessor(IntakeProcessor.Format.AVRO, rules, devices,
                settings.clock(), settings.framePartitions(), PIPELINE, REKEY_SINK, DEAD_LETTER_SINK), RAW_SOURCE);
        topology.addProcessor(INTAKE_JSON, () -> new IntakeProcessor(IntakeProcessor.Format.JSON, rules, devices,
                settings.clock(), settings.framePartitions(), PIPELINE, REKEY_SINK, DEAD_LETTER_SINK), JSON_SOURCE);
        topology.addSink(REKEY_SINK, Topics.FRAMES_REKEYED, new StringSerializer(), Serdes.frame().serializer(),
                INTAKE_AVRO, INTAKE_JSON);
        topology.addSink(DEAD_LETTER_SINK, Topics.FRAMES_DEAD_LETTER, new BytesSerializer(), new ByteArraySerializer(),
                INTAKE_AVRO, INTAKE_JSON);

        Enricher enricher = new Enricher(fields);
        topology.addProcessor(PIPELINE, () -> new PipelineProcessor(devices, enricher, settings, ENRICHED_SINK, RANGES_SINK),
                INTAKE_AVRO, INTAKE_JSON, REKEYED_SOURCE);
        topology.addStateStore(FrameHistory.storeBuilder(), PIPELINE);
        topology.addStateStore(FrameCounts.countsStoreBuilder(), PIPELINE);
        topology.addStateStore(FrameCounts.arrivalsStoreBuilder(), PIPELINE);
        topology.addStateStore(ActivityRanges.storeBuilder(), PIPELINE);
        topology.addStateStore(LatestTimestamps.storeBuilder(), PIPELINE);
        topology.addSink(ENRICHED_SINK, Topics.FRAMES_ENRICHED, new StringSerializer(), Serdes.enrichedFrame().serializer(),
                PIPELINE);
        topology.addSink(RANGES_SINK, Topics.ACTIVITY_RANGES, new StringSerializer(), Serdes.activityRange().serializer(),
                PIPELINE);
        return topology;
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> registryStore(String name) {
        // A global store's source topic is its changelog: logging must be off.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                org.apache.kafka.common.serialization.Serdes.Bytes(),
                org.apache.kafka.common.serialization.Serdes.ByteArray()).withLoggingDisabled();
    }
}
