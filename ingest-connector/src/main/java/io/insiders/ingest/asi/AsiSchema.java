package io.insiders.ingest.asi;

import io.insiders.ingest.asi.AsiFormatException.Rule;
import java.util.Arrays;

/**
 * The schema table that follows the header: for each packet id, the payload size in bytes, or a marker for a packet with
 * no schema or no fixed size.
 */
final class AsiSchema {

    /** The packet id of UBX-NAV-PVT, the only packet turned into frames. */
    static final int PVT_ID = 9;
    /** UBX-NAV-PVT's payload size. */
    static final int PVT_SIZE = 92;
    /** Size of a packet id absent from the table. */
    static final int NO_SCHEMA = -1;
    /** Size of a packet with a variable-length field. */
    static final int VARIABLE = -2;

    static final int KIND_INTEGER = 0x00;
    static final int KIND_BYTES = 0x07;
    private static final int MAX_ID = 15;

    private final int[] sizes;
    private final int bodyOffset;

    private AsiSchema(int[] sizes, int bodyOffset) {
        this.sizes = sizes;
        this.bodyOffset = bodyOffset;
    }

    /** Payload size of a packet id (0 to 15): bytes, {@link #NO_SCHEMA} or {@link #VARIABLE}. */
    int size(int packetId) {
        return sizes[packetId];
    }

    /** Offset of the first record of the body. */
    int bodyOffset() {
        return bodyOffset;
    }

    /**
     * Reads the table at {@link AsiHeader#LENGTH} and checks that packet 9 is there with 92 bytes. The header must have been
     * checked.
     */
    static AsiSchema read(byte[] file) throws AsiFormatException {
        int[] sizes = new int[MAX_ID + 1];
        Arrays.fill(sizes, NO_SCHEMA);
        int pvtEntry = -1;
        int pos = AsiHeader.LENGTH;
        int previous = 0;
        // The table has no length of its own: it ends where the ids stop counting up from 1.
        while (previous < MAX_ID && pos < file.length && (file[pos] & 0xFF) == previous + 1) {
            int id = previous + 1;
            if (pos + 1 >= file.length) {
                throw malformed("the file ends at offset " + (pos + 1) + " before the field count of packet " + id
                        + " (entry at offset " + pos + ")", pos);
            }
            int count = file[pos + 1] & 0xFF;
            int end = pos + 2 + 2 * count;
            if (end > file.length) {
                throw malformed("the schema entry of packet " + id + " at offset " + pos + " declares " + count
                        + " fields but the file ends at offset " + file.length, pos);
            }
            sizes[id] = entrySize(file, pos, id, count);
            if (id == PVT_ID) {
                pvtEntry = pos;
            }
            pos = end;
            previous = id;
        }
        if (pvtEntry < 0) {
            throw new AsiFormatException(Rule.PACKET9_MISSING, "the schema table (offsets 18 to " + pos
                    + ") has no entry for packet 9 (UBX-NAV-PVT)", pos);
        }
        if (sizes[PVT_ID] != PVT_SIZE) {
            String size = sizes[PVT_ID] == VARIABLE ? "has a variable-length field" : "is " + sizes[PVT_ID] + " bytes";
            throw new AsiFormatException(Rule.PACKET9_NOT_92_BYTES, "packet 9 (UBX-NAV-PVT) in the schema entry at offset "
                    + pvtEntry + " " + size + ", expected 92 bytes", pvtEntry);
        }
        return new AsiSchema(sizes, pos);
    }

    private static int entrySize(byte[] file, int entry, int id, int count) throws AsiFormatException {
        int size = 0;
        boolean variable = false;
        for (int i = 0; i < count; i++) {
            int at = entry + 2 + 2 * i;
            int kind = file[at] & 0xFF;
            if (kind == KIND_INTEGER) {
                int bits = Math.abs(file[at + 1]);
                if (bits != 8 && bits != 16 && bits != 32) {
                    throw malformed("field " + (i + 1) + " of packet " + id + " at offset " + at + " is an integer of "
                            + file[at + 1] + " bits; only 8, 16, 32 and -8, -16, -32 exist", at);
                }
                size += bits / 8;
            } else if (kind == KIND_BYTES) {
                size += file[at + 1] & 0xFF;
            } else {
                variable = true;
            }
        }
        return variable ? VARIABLE : size;
    }

    private static AsiFormatException malformed(String message, int offset) {
        return new AsiFormatException(Rule.SCHEMA_TABLE_MALFORMED, message, offset);
    }
}
