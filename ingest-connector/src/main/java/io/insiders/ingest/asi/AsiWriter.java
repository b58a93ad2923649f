package io.insiders.ingest.asi;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes fixes as an ASI V2 file, in the layout of the device's own files: the header, a schema table of packets 1 to 9
 * (packet 3 is a metadata record with a text field, so it has no fixed size; packet 9 is UBX-NAV-PVT, 92 bytes), a device
 * record, then one record per call. The low four bits of each tag count the records, rolling over at 16.
 *
 * <p>For tests and the device simulator. Fixes must be dated 2000 to 2100: the decoder finds its way back after a metadata
 * record only to a fix dated so.
 */
public final class AsiWriter implements Closeable, Flushable {

    /** Longest metadata text, in characters. */
    public static final int MAX_METADATA_LENGTH = 127;

    static final byte[] VERSION = {0x00, 0x00, 0x10, 0x04, 0x04};
    static final int DEVICE_ID = 1;
    static final int METADATA_ID = 3;

    private static final int U8 = 0x0008;
    private static final int U16 = 0x0010;
    private static final int U32 = 0x0020;
    private static final int I16 = 0x00F0;
    private static final int I32 = 0x00E0;
    private static final int TEXT = 0x0100;
    private static final int BYTES8 = 0x0708;
    private static final int BYTES6 = 0x0706;

    /** Fields (kind in the high byte, argument in the low byte) of packets 1 to 9, as the device declares them. */
    private static final int[][] PACKETS = {
        {U8, BYTES8, BYTES8, BYTES8, BYTES8},
        repeat(U16, 26),
        {U8, TEXT},
        {U8, U8, U8, U8, U8, U8, U8, U8, U8, I32, I32, I32, U32},
        {U32, U32},
        {U16, U16, U16},
        {I16, I16, I16, I16, I16, I16},
        {U32},
        {U32, U16, U8, U8, U8, U8, U8, U8, U32, I32, U8, U8, U8, U8, I32, I32, I32, I32, U32, U32,
            I32, I32, I32, I32, I32, U32, U32, U16, BYTES6, I32, I16, U16},
    };

    private static final byte[] PROLOGUE = prologue();
    private static final long FIRST_MILLIS = LocalDateTime.of(2000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long END_MILLIS = LocalDateTime.of(2101, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long GPS_EPOCH_MILLIS = 315_964_800_000L;
    private static final long GPS_LEAP_MILLIS = 18_000L;
    private static final long WEEK_MILLIS = 604_800_000L;

    private final OutputStream out;
    private final byte[] pvtRecord = new byte[1 + AsiSchema.PVT_SIZE];
    private int counter;

    private AsiWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts a file on {@code out}: writes the header, the schema table and a device record. */
    public static AsiWriter open(OutputStream out) throws IOException {
        AsiWriter writer = new AsiWriter(Objects.requireNonNull(out, "out"));
        out.write(PROLOGUE);
        writer.writeDeviceRecord();
        return writer;
    }

    /** A whole file: header, schema table, device record, a metadata record, then the fixes in list order. */
    public static byte[] write(List<AsiFix> fixes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(PROLOGUE.length + 64 + fixes.size() * (1 + AsiSchema.PVT_SIZE));
        try (AsiWriter writer = open(bytes)) {
            writer.writeMetadata("insiders asi writer");
            for (AsiFix fix : fixes) {
                writer.writeFix(fix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes a metadata record (packet 3: a key byte, then the text with its length). The decoder cannot step over it by
     * size and resynchronises on the next fix.
     *
     * @param text printable ASCII, at most {@value #MAX_METADATA_LENGTH} characters: no byte of the record can then look
     *             like a packet 9 tag (0x90 to 0x9f) to the decoder's resynchronisation
     */
    public void writeMetadata(String text) throws IOException {
        if (text.length() > MAX_METADATA_LENGTH) {
            throw new IllegalArgumentException("metadata text of " + text.length() + " characters, at most "
                    + MAX_METADATA_LENGTH);
        }
        byte[] record = new byte[3 + text.length()];
        record[0] = tag(METADATA_ID);
        record[1] = 0x01;
        record[2] = (byte) text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("metadata text must be printable ASCII; character " + (int) c + " at " + i);
            }
            record[3 + i] = (byte) c;
        }
        out.write(record);
    }

    /** Writes a 3D fix with date and time valid. */
    public void writeFix(AsiFix fix) throws IOException {
        writeFix(fix, 3, true);
    }

    /**
     * Writes a packet 9 for {@code fix} with the given u-blox fix type (0 none, 1 dead reckoning, 2 2D, 3 3D, 4 GNSS and
     * dead reckoning, 5 time only) and date and time validity, so that a file can also hold packets the decoder rejects.
     *
     * @throws IllegalArgumentException if the fix cannot be encoded: not dated 2000 to 2100, or a value that is not finite
     *                                  or does not fit u-blox's 32-bit field
     */
    public void writeFix(AsiFix fix, int fixType, boolean timeValid) throws IOException {
        byte[] payload = pvtPayload(fix, fixType, timeValid);
        pvtRecord[0] = tag(AsiSchema.PVT_ID);
        System.arraycopy(payload, 0, pvtRecord, 1, payload.length);
        out.write(pvtRecord);
    }

    /** Writes {@code count} zero bytes; a zero tag ends the stream for a reader. */
    public void writePadding(int count) throws IOException {
        if (count < 0) {
            throw new IllegalArgumentException("padding of " + count + " bytes");
        }
        out.write(new byte[count]);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Closes the underlying stream. */
    @Override
    public void close() throws IOException {
        out.close();
    }

    /** The 92-byte UBX-NAV-PVT payload of a fix. */
    static byte[] pvtPayload(AsiFix fix, int fixType, boolean timeValid) {
        Objects.requireNonNull(fix, "fix");
        if (fixType < 0 || fixType > 0xFF) {
            throw new IllegalArgumentException("fix type " + fixType + " is not a byte");
        }
        long millis = fix.timestamp();
        if (millis < FIRST_MILLIS || millis >= END_MILLIS) {
            throw new IllegalArgumentException("fix time " + millis + " is not within the years 2000 to 2100");
        }
        int lon = scaled(fix.longitude(), 1e7, "longitude");
        int lat = scaled(fix.latitude(), 1e7, "latitude");
        int hMsl = scaled(fix.altitude(), 1e3, "altitude");
        int speed = scaled(fix.speed(), 1e3, "speed");
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), 0, ZoneOffset.UTC);
        boolean fixed = fixType >= 2 && fixType <= 4;

        ByteBuffer pvt = ByteBuffer.allocate(AsiSchema.PVT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        pvt.putInt(0, (int) Math.floorMod(millis - GPS_EPOCH_MILLIS + GPS_LEAP_MILLIS, WEEK_MILLIS));
        pvt.putShort(4, (short) t.getYear());
        pvt.put(6, (byte) t.getMonthValue());
        pvt.put(7, (byte) t.getDayOfMonth());
        pvt.put(8, (byte) t.getHour());
        pvt.put(9, (byte) t.getMinute());
        pvt.put(10, (byte) t.getSecond());
        pvt.put(11, (byte) (timeValid ? 0x03 : 0x00));
        pvt.putInt(12, 25);
        pvt.putInt(16, (int) Math.floorMod(millis, 1000L) * 1_000_000);
        pvt.put(20, (byte) fixType);
        pvt.put(21, (byte) (fixed ? 0x01 : 0x00));
        pvt.put(23, (byte) (fixed ? 11 : 0));
        pvt.putInt(24, lon);
        pvt.putInt(28, lat);
        // No geoid model here: the height above the ellipsoid is written as the height above sea level.
        pvt.putInt(32, hMsl);
        pvt.putInt(36, hMsl);
        pvt.putInt(40, 900);
        pvt.putInt(44, 1_500);
        pvt.putInt(60, speed);
        pvt.putInt(68, 200);
        pvt.putInt(72, 500_000);
        pvt.putShort(76, (short) 130);
        return pvt.array();
    }

    /** The header and the schema table every writer starts with. */
    static byte[] prologueBytes() {
        return PROLOGUE.clone();
    }

    private void writeDeviceRecord() throws IOException {
        ByteBuffer device = ByteBuffer.allocate(1 + 33);
        device.put(tag(DEVICE_ID)).put((byte) 0x02);
        device.put(Arrays.copyOf("INSIDERS".getBytes(StandardCharsets.US_ASCII), 8));
        device.put(Arrays.copyOf("SIM00001".getBytes(StandardCharsets.US_ASCII), 8));
        device.put(Arrays.copyOf("FW1.0.0".getBytes(StandardCharsets.US_ASCII), 8));
        out.write(device.array());
    }

    private byte tag(int packetId) {
        int tag = packetId << 4 | counter;
        counter = (counter + 1) & 0x0F;
        return (byte) tag;
    }

    private static int scaled(double value, double scale, String name) {
        double units = Math.rint(value * scale);
        if (!Double.isFinite(units) || units < Integer.MIN_VALUE || units > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " " + value + " does not fit the packet's 32-bit field");
        }
        return (int) units;
    }

    private static int[] repeat(int field, int count) {
        int[] fields = new int[count];
        Arrays.fill(fields, field);
        return fields;
    }

    private static byte[] prologue() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(AsiHeader.MAGIC);
        bytes.writeBytes(VERSION);
        bytes.write(AsiHeader.NAME.length);
        bytes.writeBytes(AsiHeader.NAME);
        bytes.writeBytes(new byte[] {0x00, 0x00});
        for (int i = 0; i < PACKETS.length; i++) {
            bytes.write(i + 1);
            bytes.write(PACKETS[i].length);
            for (int field : PACKETS[i]) {
                bytes.write(field >>> 8);
                bytes.write(field & 0xFF);
            }
        }
        return bytes.toByteArray();
    }
}
