package io.insiders.api;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers a test starts itself (an application's HTTP port, a broker's listeners). A port the system
 * picked ({@code new ServerSocket(0)}) comes from its ephemeral range, where every client socket of the JVM takes its
 * local port too: between the check and the server's bind, a Kafka client could take it, or the port after it, which
 * an embedded broker's controller listens on ("Address already in use", and the broker's fault handler ends the JVM).
 * These come from below that range (Linux starts it at 32768, macOS and Windows at 49152), where no client socket does.
 */
public final class TestPorts {

    private static final int FIRST = 20_000;
    private static final int END = 32_000;
    private static final int ATTEMPTS = 1_000;

    private TestPorts() {
    }

    /** A free port. */
    public static int freePort() {
        return freePorts(1);
    }

    /** The first of {@code count} consecutive free ports (an embedded broker takes its port and the next one). */
    public static int freePorts(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(FIRST, END - count);
            if (allFree(first, count)) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports in [" + FIRST + ", " + END + ")");
    }

    private static boolean allFree(int first, int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int port = first; port < first + count; port++) {
                held.add(new ServerSocket(port));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // A socket that could not close still frees its port with the JVM: nothing to do here.
                }
            }
        }
    }
}
