package io.insiders.ingest.simulator;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import io.insiders.ingest.asi.AsiFix;
import io.insiders.ingest.asi.AsiWriter;

/**
 * Writes a simulated session as an ASI V2 file, as the device would have recorded it: a metadata record naming the device,
 * then one UBX-NAV-PVT fix per frame (93 bytes each; ASI files carry no heart rate). The fixes are streamed, so a
 * 90-minute session (about 5 MB) takes a fraction of a second and never sits in memory as frames.
 */
public final class AsiSessionWriter {

    private static final int BUFFER = 1 << 16;
    private static final int FIX_RECORD = 93;

    private AsiSessionWriter() {
    }

    /** Writes the file to {@code out} and flushes it; {@code out} is left open. */
    public static void write(SimulatedSession session, OutputStream out) throws IOException {
        if (session.isEndless()) {
            throw new IllegalArgumentException("an endless session does not fit in a file");
        }
        // The writer closes its stream when done; the caller's stream is theirs to close.
        OutputStream unclosable = new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        try (AsiWriter writer = AsiWriter.open(unclosable)) {
            writer.writeMetadata(metadata(session));
            for (Iterator<AsiFix> fixes = session.fixes(); fixes.hasNext();) {
                writer.writeFix(fixes.next());
            }
        }
    }

    /** The whole file in memory. */
    public static byte[] bytes(SimulatedSession session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                512 + session.frameCount() * FIX_RECORD));
        try {
            write(session, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes the file {@code <device name>.asi} in {@code directory}, made if missing, replacing any file of that name.
     *
     * @return the file's path
     */
    public static Path writeFile(SimulatedSession session, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName(session));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER)) {
            write(session, out);
        }
        return file;
    }

    /** The file name of a session: its device name and {@code .asi}. */
    public static String fileName(SimulatedSession session) {
        return session.deviceName() + ".asi";
    }

    /** Printable ASCII only: the decoder's resynchronisation after the metadata record relies on it. */
    private static String metadata(SimulatedSession session) {
        StringBuilder text = new StringBuilder("insiders simulator ");
        for (char c : session.deviceName().toCharArray()) {
            text.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return text.length() <= AsiWriter.MAX_METADATA_LENGTH ? text.toString()
                : text.substring(0, AsiWriter.MAX_METADATA_LENGTH);
    }
}
