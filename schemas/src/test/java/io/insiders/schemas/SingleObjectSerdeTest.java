package io.insiders.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SingleObjectSerdeTest {

    private final SingleObjectSerde<Frame> serde = Serdes.frame();

    @Test
    void roundTripsTheCurrentVersion() {
        Frame frame = Frame.newBuilder().setDeviceName("864475041000000").setTimestamp(1622304720000L)
                .setLatitude(48.8412).setLongitude(2.253).setAltitude(35.0).setSpeed(1.83)
                .setGnssTimestamp(1622304720000L).setHeartRate(121).build();

        byte[] bytes = serde.encode(frame);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.decode(bytes)).isEqualTo(frame);
    }

    @Test
    void decodesARecordWrittenWithTheFirstShippedVersion() throws Exception {
        List<Schema> older = ShippedSchemas.previousVersions(Frame.getClassSchema());
        assertThat(older).hasSize(1);
        Schema v1 = older.get(0);
        assertThat(v1.getField("heart_rate")).isNull();
        GenericRecord written = new GenericRecordBuilder(v1).set("device_name", "dev-1").set("timestamp", 1000L)
                .set("latitude", 10.5).set("longitude", -3.25).set("altitude", null).set("speed", 2.0)
                .set("gnss_timestamp", 1000L).build();
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(written);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        Frame read = serde.decode(bytes);

        assertThat(read.getDeviceName()).isEqualTo("dev-1");
        assertThat(read.getTimestamp()).isEqualTo(1000L);
        assertThat(read.getLatitude()).isEqualTo(10.5);
        assertThat(read.getSpeed()).isEqualTo(2.0);
        assertThat(read.getAltitude()).isNull();
        assertThat(read.getHeartRate()).isNull();
    }

    @Test
    void refusesBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> serde.decode("{\"device_name\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not Avro single-object encoding");
    }

    @Test
    void refusesAnUnknownSchema() {
        byte[] bytes = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        assertThatThrownBy(() -> serde.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown schema");
    }

    @Test
    void refusesATruncatedBody() {
        byte[] whole = serde.encode(Frame.newBuilder().setDeviceName("dev-1").setTimestamp(5L).build());
        byte[] cut = Arrays.copyOf(whole, 12);
        assertThatThrownBy(() -> serde.decode(cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("malformed io.insiders.schemas.Frame");
    }

    @Test
    void eachRecordTypeRoundTrips() {
        ActivityRange range = ActivityRange.newBuilder().setDeviceName("d").setStart(1L).setStop(2L).setSize(2L)
                .setRetracted(false).build();
        assertThat(Serdes.activityRange().decode(Serdes.activityRange().encode(range))).isEqualTo(range);
        EnrichedFrame enriched = EnrichedFrame.newBuilder().setDeviceId(12L).setDeviceName("d").setTimestamp(3L)
                .setFieldId(4L).setFieldX(1.5).setFieldY(2.5).build();
        assertThat(Serdes.enrichedFrame().decode(Serdes.enrichedFrame().encode(enriched))).isEqualTo(enriched);
    }

    /**
     * The serdes write with the generated classes' own encoders; what they write must be, byte for byte, what Avro's
     * generic writer makes of the same record, present and absent optional fields alike.
     */
    @Test
    void writesWhatAvrosGenericWriterWrites() throws Exception {
        EnrichedFrame full = EnrichedFrame.newBuilder().setDeviceId(7).setDeviceName("864475041000000").setTimestamp(1622304720000L)
                .setLatitude(48.8412).setLongitude(2.253).setAltitude(35.0).setSpeed(1.83).setGnssTimestamp(1622304719900L)
                .setHeartRate(121).setFieldId(3L).setFieldX(-12.5).setFieldY(40.25).build();
        EnrichedFrame bare = EnrichedFrame.newBuilder().setDeviceId(-1).setDeviceName("").setTimestamp(0L).build();
        Frame partial = Frame.newBuilder().setDeviceName("dev-\u00e9").setTimestamp(-5L).setLatitude(Double.NaN).setHeartRate(0).build();
        ActivityRange range = ActivityRange.newBuilder().setDeviceName("dev-1").setStart(1000L).setStop(2000L).setSize(11)
                .setRetracted(true).build();
        AsiUpload upload = AsiUpload.newBuilder().setJobId("job-1").setDeviceId(2).setDeviceName("dev-2").setManagerId(null)
                .setReceivedAt(3L).setFile(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();

        assertThat(Serdes.enrichedFrame().encode(full)).isEqualTo(generic(full));
        assertThat(Serdes.enrichedFrame().encode(bare)).isEqualTo(generic(bare));
        assertThat(Serdes.frame().encode(partial)).isEqualTo(generic(partial));
        assertThat(Serdes.activityRange().encode(range)).isEqualTo(generic(range));
        assertThat(Serdes.asiUpload().encode(upload)).isEqualTo(generic(upload));
        assertThat(Serdes.enrichedFrame().decode(Serdes.enrichedFrame().encode(full))).isEqualTo(full);
    }

    private static byte[] generic(org.apache.avro.specific.SpecificRecord record) throws Exception {
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode((GenericRecord) record);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    /** Records of the current schema are read straight from the array; what they read must be what Avro's decoder reads. */
    @Test
    void readsTheCurrentVersionAsAvrosMessageDecoderDoes() throws Exception {
        org.apache.avro.message.BinaryMessageDecoder<Frame> avros = Frame.getDecoder();
        Frame full = Frame.newBuilder().setDeviceName("864475041000000").setTimestamp(1622304720000L).setLatitude(-48.8412)
                .setLongitude(2.253).setAltitude(-3.5).setSpeed(0.0).setGnssTimestamp(1622304719900L).setHeartRate(250).build();
        Frame bare = Frame.newBuilder().setDeviceName("d\u00e9vice").setTimestamp(1L).build();
        for (Frame frame : List.of(full, bare)) {
            byte[] bytes = serde.encode(frame);
            assertThat(serde.decode(bytes)).isEqualTo(avros.decode(bytes)).isEqualTo(frame);
        }
        byte[] whole = serde.encode(full);
        byte[] lastByteCut = Arrays.copyOf(whole, whole.length - 1);
        assertThatThrownBy(() -> serde.decode(lastByteCut)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("malformed io.insiders.schemas.Frame");
    }
}
