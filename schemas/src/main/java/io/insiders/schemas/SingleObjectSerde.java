package io.insiders.schemas;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for a generated Avro record in Avro's single-object encoding ({@code C3 01}, the
 * writer schema's 64-bit fingerprint, then the binary body).
 *
 * <p>It writes with the current schema and reads every version of that schema the project has
 * shipped (see {@link ShippedSchemas}), resolving older records to the current class: a consumer
 * upgraded before its producers keeps working. Bytes that are not a record of a known version fail
 * with a {@link SerializationException} that says why.
 *
 * @param <T> the generated record class
 */
public final class SingleObjectSerde<T extends SpecificRecord> implements Serde<T> {

    /** The single-object header: the 2-byte marker and the writer schema's 64-bit fingerprint. */
    private static final int HEADER_BYTES = 10;

    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    /** Reads the body of a record written with the current schema, the usual case, straight from the array. */
    private final DatumReader<T> currentReader;
    /** The header of a record written with the current schema: the marker, then the fingerprint (little-endian). */
    private final byte[] currentHeader;
    private final String recordName;

    private SingleObjectSerde(Class<T> type) {
        TrustedClasses.trust(type);
        SpecificData model = SpecificData.getForClass(type);
        Schema current = model.getSchema(type);
        this.recordName = current.getFullName();
        this.encoder = new BinaryMessageEncoder<>(encoding(type), current);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        this.currentReader = model.createDatumReader(current, current);
        this.currentHeader = header(current);
        List<Schema> older = ShippedSchemas.previousVersions(current);
        older.forEach(decoder::addSchema);
    }

    /**
     * The model records are written with: the generated classes' own encoders ({@code customEncode}), which write the
     * fields in schema order without resolving each union through the generic writer; about half the time per record
     * (docs/benchmarks.md, change 17). Avro leaves them off unless asked. Reading keeps Avro's default fast reader, which
     * resolves older versions of the schema and was faster than the generated decoders.
     */
    private static SpecificData encoding(Class<?> type) {
        SpecificData model = new SpecificData(type.getClassLoader());
        model.setCustomCoders(true);
        return model;
    }

    private static byte[] header(Schema schema) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 0xC3).put((byte) 0x01).putLong(SchemaNormalization.parsingFingerprint64(schema));
        return header.array();
    }

    /** A serde for the generated class {@code type}, reading every shipped version of its schema. */
    public static <T extends SpecificRecord> SingleObjectSerde<T> of(Class<T> type) {
        return new SingleObjectSerde<>(type);
    }

    /** Encodes one record; never returns null for a non-null record. */
    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("cannot encode " + recordName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws SerializationException when the bytes are not a single-object encoded record of a
     *     shipped version of this schema, with the reason in its message
     */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new SerializationException("no value: a " + recordName + " was expected");
        }
        try {
            if (bytes.length >= HEADER_BYTES && Arrays.equals(bytes, 0, HEADER_BYTES, currentHeader, 0, HEADER_BYTES)) {
                // Avro's message decoder reads through an input stream a byte at a time and finds the reader by a boxed
                // fingerprint in a map; straight from the array, a frame takes about two thirds of the time
                // (docs/benchmarks.md, change 18). Any other header (an older schema, or none) goes the long way.
                return currentReader.read(null, DecoderFactory.get().binaryDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES, null));
            }
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new SerializationException("not Avro single-object encoding (" + e.getMessage() + ")", e);
        } catch (MissingSchemaException e) {
            throw new SerializationException("unknown schema: " + e.getMessage() + " is not a shipped version of " + recordName, e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("malformed " + recordName + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
