package io.insiders.stream.intake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.insiders.schemas.Frame;
import io.insiders.schemas.Serdes;
import io.insiders.stream.devices.DeviceDirectory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The intake: turns the records of one frame topic into canonical frames keyed by device name, or
 * into dead letters. Never throws on a record's content, so a bad record never stops the pipeline.
 *
 * <p>A frame whose record key is its device, on the partition Kafka's default partitioner gives that
 * key, goes straight on to the pipeline in the same task. Any other frame (an array from a gateway, a
 * keyless message, or a producer whose partitioner is not Kafka's murmur2, such as librdkafka's
 * default) is re-keyed through an internal topic, so that each device's frames are processed by the
 * one task that owns the device, where queries look for them.
 */
public final class IntakeProcessor implements Processor<Bytes, byte[], Object, Object> {

    /** How the source topic encodes frames. */
    public enum Format {
        /** Avro single-object encoding, one frame per record. */
        AVRO,
        /** A JSON object or array of objects. */
        JSON
    }

    private final Format format;
    private final FrameRules rules;
    private final DeviceDirectory devices;
    private final LongSupplier clock;
    private final IntSupplier framePartitions;
    private final String pipeline;
    private final String rekeySink;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private int partitions;

    /**
     * @param format how the source encodes frames
     * @param rules the ranges frames must respect
     * @param devices the provisioned devices
     * @param clock wall-clock time in epoch milliseconds, for the rules on time
     * @param pipeline the child that takes frames already keyed by their device
     * @param rekeySink the child sink that re-keys the others
     * @param deadLetterSink the child sink of dead letters
     */
    public IntakeProcessor(Format format, FrameRules rules, DeviceDirectory devices, LongSupplier clock,
                           IntSupplier framePartitions, String pipeline, String rekeySink, String deadLetterSink) {
        this.format = format;
        this.rules = rules;
        this.devices = devices;
        this.clock = clock;
        this.framePartitions = framePartitions;
        this.pipeline = pipeline;
        this.rekeySink = rekeySink;
        this.deadLetterSink = deadLetterSink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.partitions = framePartitions.getAsInt();
    }

    @Override
    public void process(Record<Bytes, byte[]> record) {
        if (format == Format.AVRO) {
            Frame frame;
            try {
                frame = Serdes.frame().decode(record.value());
            } catch (SerializationException e) {
                deadLetter(record, Rejection.of(Rejection.Reason.UNREADABLE, e.getMessage()));
                return;
            }
            admit(record, frame, "");
        } else {
            List<JsonFrameReader.Element> elements = JsonFrameReader.read(record.value());
            for (JsonFrameReader.Element element : elements) {
                if (element.rejection() != null) {
                    deadLetter(record, element.rejection());
                } else {
                    admit(record, element.frame(), elements.size() > 1 ? "element " + element.index() + ": " : "");
                }
            }
        }
    }

    private void admit(Record<Bytes, byte[]> record, Frame frame, String where) {
        Rejection rejection = rules.check(frame, clock.getAsLong());
        if (rejection == null && devices.byName(frame.getDeviceName()) == null) {
            rejection = Rejection.of(Rejection.Reason.UNKNOWN_DEVICE,
                    "device " + frame.getDeviceName() + " was never provisioned");
        }
        if (rejection != null) {
            deadLetter(record, where.isEmpty() ? rejection : Rejection.of(rejection.reason(), where + rejection.message()));
            return;
        }
        Record<Object, Object> canonical = new Record<>(frame.getDeviceName(), frame, frame.getTimestamp());
        context.forward(canonical, inPlace(record.key(), frame.getDeviceName()) ? pipeline : rekeySink);
    }

    /** True when the record is keyed by its device and sits on the partition that owns that key. */
    private boolean inPlace(Bytes key, String deviceName) {
        if (key == null || !deviceName.equals(new String(key.get(), StandardCharsets.UTF_8))) {
            return false;
        }
        if (partitions <= 0) {
            return true;
        }
        int owner = Utils.toPositive(Utils.murmur2(key.get())) % partitions;
        return context.recordMetadata().map(source -> source.partition() == owner).orElse(true);
    }

    private void deadLetter(Record<Bytes, byte[]> record, Rejection rejection) {
        context.forward(DeadLetters.of(record, rejection, context.recordMetadata().orElse(null)), deadLetterSink);
    }
}
