package io.insiders.stream.frames;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;

/**
 * The key of a device's entry at a time, in the stores that file entries by device and time:
 * the device name's length (one byte), its UTF-8 bytes, then the time as 8 big-endian bytes.
 *
 * <p>RocksDB orders keys by their bytes, so one device's entries are contiguous and in time order
 * (times are positive): a range of times is one seek and a scan of exactly that range, in either
 * direction. The length prefix keeps a name from being a prefix of another's range.
 */
public final class DeviceTimeKey {

    /** Device names longer than this (in UTF-8 bytes) are refused at the intake. */
    public static final int MAX_DEVICE_BYTES = 255;

    private DeviceTimeKey() {
    }

    /** The key of {@code device} at {@code time}. */
    public static Bytes of(String device, long time) {
        byte[] name = device.getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_DEVICE_BYTES) {
            throw new IllegalArgumentException("device name longer than " + MAX_DEVICE_BYTES + " bytes");
        }
        return Bytes.wrap(ByteBuffer.allocate(1 + name.length + Long.BYTES).put((byte) name.length).put(name).putLong(time)
                .array());
    }

    /** The smallest key of {@code device}. */
    public static Bytes first(String device) {
        return of(device, 0);
    }

    /** The largest key of {@code device}. */
    public static Bytes last(String device) {
        return of(device, Long.MAX_VALUE);
    }

    /** The time of a key. */
    public static long time(Bytes key) {
        byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
    }
}
