package io.insiders.ingest.asi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds ASI files byte by byte, for the cases the writer will not produce. */
final class AsiBytes {

    /** The fields of UBX-NAV-PVT as the device splits them (kind in the high byte, argument in the low byte). */
    static final int[] PVT_FIELDS = {0x0020, 0x0010, 0x0008, 0x0008, 0x0008, 0x0008, 0x0008, 0x0008, 0x0020, 0x00E0,
        0x0008, 0x0008, 0x0008, 0x0008, 0x00E0, 0x00E0, 0x00E0, 0x00E0, 0x0020, 0x0020, 0x00E0, 0x00E0, 0x00E0, 0x00E0,
        0x00E0, 0x0020, 0x0020, 0x0010, 0x0706, 0x00E0, 0x00F0, 0x0010};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int counter;

    private AsiBytes() {
    }

    /** A file that starts with a correct header and nothing else. */
    static AsiBytes header() {
        AsiBytes bytes = new AsiBytes();
        bytes.raw(0x41, 0x53, 0x49, 0x00, 0x00, 0x00, 0x10, 0x04, 0x04, 0x06, 'A', 'S', 'I', ' ', 'V', '2', 0x00, 0x00);
        return bytes;
    }

    /** A file that starts with the writer's header and schema table (packets 1 to 9, packet 3 of variable size). */
    static AsiBytes prologue() {
        AsiBytes bytes = new AsiBytes();
        bytes.out.writeBytes(AsiWriter.prologueBytes());
        return bytes;
    }

    /** Appends schema entries for packets 1, 2, ... in order, each given by its fields. */
    AsiBytes schema(int[]... packets) {
        for (int i = 0; i < packets.length; i++) {
            raw(i + 1, packets[i].length);
            for (int field : packets[i]) {
                raw(field >>> 8, field & 0xFF);
            }
        }
        return this;
    }

    AsiBytes raw(int... values) {
        for (int value : values) {
            out.write(value);
        }
        return this;
    }

    AsiBytes raw(byte[] values) {
        out.writeBytes(values);
        return this;
    }

    /** A record of packet {@code id}, with the next rolling counter. */
    AsiBytes record(int id, byte[] payload) {
        out.write(id << 4 | counter);
        counter = (counter + 1) & 0x0F;
        out.writeBytes(payload);
        return this;
    }

    AsiBytes fix(AsiFix fix) {
        return record(9, pvt(fix));
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A 3D fix's UBX-NAV-PVT payload with date and time valid. */
    static byte[] pvt(AsiFix fix) {
        return AsiWriter.pvtPayload(fix, 3, true);
    }

    /** The payload with a little-endian int written at {@code offset}. */
    static byte[] withInt(byte[] payload, int offset, int value) {
        byte[] copy = payload.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    /** The payload with one byte set at {@code offset}. */
    static byte[] withByte(byte[] payload, int offset, int value) {
        byte[] copy = payload.clone();
        copy[offset] = (byte) value;
        return copy;
    }
}
