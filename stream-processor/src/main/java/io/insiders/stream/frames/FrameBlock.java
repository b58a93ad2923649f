package io.insiders.stream.frames;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.insiders.schemas.EnrichedFrame;

/**
 * The value of a {@link FrameHistory} entry: a device's frames of one second, in time order, as fixed-size binary
 * records. Fixed size, so that a frame is found by a binary search on its time and inserted by one copy, without
 * decoding the others; binary rather than Avro, because the store rewrites the entry at each new frame.
 *
 * <pre>
 *  offset  0  time            long (epoch ms)
 *          8  ordinal         int  (its arrival in its minute, {@link FrameCounts})
 *         12  device id       long
 *         20  present         short: one bit per optional value below, in order (bit 0: latitude)
 *         22  latitude, longitude, altitude, speed   4 doubles
 *         54  gnss timestamp  long
 *         62  heart rate      int
 *         66  field id        long
 *         74  field x, y      2 doubles
 *         90  (next record)
 * </pre>
 * Absent values take their room as zeros. The device's name is in the entry's key, not here.
 */
final class FrameBlock {

    static final int RECORD = 90;
    private static final int ORDINAL = 8;
    private static final int DEVICE_ID = 12;
    private static final int PRESENT = 20;
    private static final int VALUES = 22;

    private FrameBlock() {
    }

    /** How many frames {@code block} holds. */
    static int size(byte[] block) {
        return block.length / RECORD;
    }

    static long time(byte[] block, int index) {
        return ByteBuffer.wrap(block).getLong(index * RECORD);
    }

    static int ordinal(byte[] block, int index) {
        return ByteBuffer.wrap(block).getInt(index * RECORD + ORDINAL);
    }

    /** The index of the frame at {@code time}, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch}. */
    static int indexOf(byte[] block, long time) {
        ByteBuffer buffer = ByteBuffer.wrap(block);
        int low = 0;
        int high = size(block) - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = buffer.getLong(middle * RECORD);
            if (found < time) {
                low = middle + 1;
            } else if (found > time) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    /** The index of the first frame at or after {@code time} (the size when there is none). */
    static int firstAtOrAfter(byte[] block, long time) {
        int at = indexOf(block, time);
        return at >= 0 ? at : -at - 1;
    }

    /** The record of {@code frame} with its arrival {@code ordinal}. */
    static byte[] record(EnrichedFrame frame, int ordinal) {
        ByteBuffer record = ByteBuffer.allocate(RECORD);
        record.putLong(frame.getTimestamp()).putInt(ordinal).putLong(frame.getDeviceId());
        int present = 0;
        Object[] values = {frame.getLatitude(), frame.getLongitude(), frame.getAltitude(), frame.getSpeed(),
            frame.getGnssTimestamp(), frame.getHeartRate(), frame.getFieldId(), frame.getFieldX(), frame.getFieldY()};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                present |= 1 << i;
            }
        }
        record.putShort((short) present);
        record.putDouble(orZero(frame.getLatitude())).putDouble(orZero(frame.getLongitude()))
                .putDouble(orZero(frame.getAltitude())).putDouble(orZero(frame.getSpeed()));
        record.putLong(frame.getGnssTimestamp() == null ? 0 : frame.getGnssTimestamp());
        record.putInt(frame.getHeartRate() == null ? 0 : frame.getHeartRate());
        record.putLong(frame.getFieldId() == null ? 0 : frame.getFieldId());
        record.putDouble(orZero(frame.getFieldX())).putDouble(orZero(frame.getFieldY()));
        return record.array();
    }

    /** The frame at {@code index}, of the device named {@code device}. */
    static EnrichedFrame frame(byte[] block, int index, String device) {
        ByteBuffer record = ByteBuffer.wrap(block, index * RECORD, RECORD).slice();
        int present = record.getShort(PRESENT);
        record.position(VALUES);
        Double latitude = value(record.getDouble(), present, 0);
        Double longitude = value(record.getDouble(), present, 1);
        Double altitude = value(record.getDouble(), present, 2);
        Double speed = value(record.getDouble(), present, 3);
        long gnss = record.getLong();
        int heartRate = record.getInt();
        long fieldId = record.getLong();
        Double fieldX = value(record.getDouble(), present, 7);
        Double fieldY = value(record.getDouble(), present, 8);
        return new EnrichedFrame(record.getLong(DEVICE_ID), device, record.getLong(0), latitude, longitude, altitude, speed,
                has(present, 4) ? gnss : null, has(present, 5) ? heartRate : null, has(present, 6) ? fieldId : null, fieldX, fieldY);
    }

    /** True when the record at {@code index} holds the same frame as {@code record}, whatever their ordinals. */
    static boolean sameRecord(byte[] block, int index, byte[] record) {
        int start = index * RECORD;
        return Arrays.equals(block, start, start + ORDINAL, record, 0, ORDINAL)
                && Arrays.equals(block, start + DEVICE_ID, start + RECORD, record, DEVICE_ID, RECORD);
    }

    /** A copy of {@code block} with {@code record} in place of the record at {@code index}. */
    static byte[] replace(byte[] block, int index, byte[] record) {
        byte[] copy = block.clone();
        System.arraycopy(record, 0, copy, index * RECORD, RECORD);
        return copy;
    }

    /** A copy of {@code block} (null: empty) with {@code record} inserted at {@code index}. */
    static byte[] insert(byte[] block, int index, byte[] record) {
        if (block == null) {
            return record;
        }
        byte[] copy = new byte[block.length + RECORD];
        System.arraycopy(block, 0, copy, 0, index * RECORD);
        System.arraycopy(record, 0, copy, index * RECORD, RECORD);
        System.arraycopy(block, index * RECORD, copy, (index + 1) * RECORD, block.length - index * RECORD);
        return copy;
    }

    /** The records of {@code block} from {@code index} on. */
    static byte[] from(byte[] block, int index) {
        return index == 0 ? block : Arrays.copyOfRange(block, index * RECORD, block.length);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static boolean has(int present, int bit) {
        return (present & (1 << bit)) != 0;
    }

    private static Double value(double value, int present, int bit) {
        return has(present, bit) ? value : null;
    }
}
