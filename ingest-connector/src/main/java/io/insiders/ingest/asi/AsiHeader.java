package io.insiders.ingest.asi;

import java.nio.charset.StandardCharsets;

/**
 * The fixed 18-byte header of an ASI V2 file: magic {@code ASI\0}, five opaque version bytes, the format name's length (6),
 * {@code ASI V2}, and two opaque author bytes.
 */
public final class AsiHeader {

    /** Size of the header; the schema table starts here. */
    public static final int LENGTH = 18;

    static final byte[] MAGIC = {'A', 'S', 'I', 0};
    static final int NAME_LENGTH_OFFSET = 9;
    static final int NAME_OFFSET = 10;
    static final byte[] NAME = "ASI V2".getBytes(StandardCharsets.US_ASCII);

    private AsiHeader() {
    }

    /**
     * Checks the header only, so that an upload can be refused before any decoding.
     *
     * @throws AsiFormatException with rule {@link AsiFormatException.Rule#BAD_HEADER} and the offset of the first wrong byte
     *                            (or of the end of the file when it stops inside the header)
     */
    public static void check(byte[] file) throws AsiFormatException {
        if (file == null || file.length == 0) {
            throw bad("the file is empty", 0);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= file.length) {
                throw bad("the file ends at offset " + i + " inside the magic ASI\\0", i);
            }
            if (file[i] != MAGIC[i]) {
                throw bad("not an ASI file: byte " + hex(file[i]) + " at offset " + i + " where the magic ASI\\0 has "
                        + hex(MAGIC[i]), i);
            }
        }
        if (file.length <= NAME_LENGTH_OFFSET) {
            throw bad("the file ends at offset " + file.length + " before the format name's length (offset 9)", file.length);
        }
        int nameLength = file[NAME_LENGTH_OFFSET] & 0xFF;
        if (nameLength != NAME.length) {
            throw bad("format name length " + nameLength + " at offset 9, expected 6 (ASI V2)", NAME_LENGTH_OFFSET);
        }
        for (int i = 0; i < NAME.length; i++) {
            int at = NAME_OFFSET + i;
            if (at >= file.length) {
                throw bad("the file ends at offset " + at + " inside the format name ASI V2", at);
            }
            if (file[at] != NAME[i]) {
                throw bad("format name byte " + hex(file[at]) + " at offset " + at + " where ASI V2 has " + hex(NAME[i])
                        + " ('" + (char) NAME[i] + "')", at);
            }
        }
        if (file.length < LENGTH) {
            throw bad("the file ends at offset " + file.length + " inside the author block (offsets 16-17)", file.length);
        }
    }

    private static AsiFormatException bad(String message, int offset) {
        return new AsiFormatException(AsiFormatException.Rule.BAD_HEADER, message, offset);
    }

    private static String hex(byte b) {
        return String.format("0x%02x", b & 0xFF);
    }
}
