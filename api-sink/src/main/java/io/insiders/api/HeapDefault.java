package io.insiders.api;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gives the application a bounded heap when it is started without one ({@code java -jar insiders.jar}): the JVM's
 * default is a quarter of the machine's memory, and under a sustained load G1 grows the heap towards it (it trades
 * memory for fewer collections), which took the whole instance past 2 GiB where a 1 GiB heap serves the same load
 * (docs/benchmarks.md, memory). A JVM's heap bound cannot change once it runs, so the application runs itself
 * again in a child JVM with {@value #DEFAULT_MAX_HEAP} and waits for it, passing on a stop (SIGTERM, Ctrl-C) and
 * the exit status.
 *
 * <p>Nothing is relaunched when the command sets a heap bound itself ({@code -Xmx}, {@code -XX:MaxHeapSize},
 * {@code -XX:MaxRAMPercentage}, also through {@code JAVA_TOOL_OPTIONS}), when {@code INSIDERS_RELAUNCH=false}, or
 * when the application does not run from its jar.
 */
final class HeapDefault {

    static final String DEFAULT_MAX_HEAP = "-Xmx1g";
    private static final String CHILD = "insiders.relaunched";

    private HeapDefault() {
    }

    /**
     * Runs the application in a child JVM with the default heap bound when that is needed, and exits with its status;
     * returns (and this JVM runs the application) otherwise.
     */
    static void relaunchIfUnbounded(String[] args) {
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean bounded = jvmArguments.stream().anyMatch(argument -> argument.startsWith("-Xmx")
                || argument.startsWith("-XX:MaxHeapSize") || argument.startsWith("-XX:MaxRAM"));
        Path jar = runningJar();
        if (bounded || Boolean.getBoolean(CHILD) || "false".equalsIgnoreCase(System.getenv("INSIDERS_RELAUNCH")) || jar == null) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // JAVA_TOOL_OPTIONS reach the child through the environment: not repeated on its command line.
        String toolOptions = System.getenv("JAVA_TOOL_OPTIONS");
        List<String> fromEnvironment = toolOptions == null ? List.of() : Arrays.asList(toolOptions.trim().split("\\s+"));
        jvmArguments.stream().filter(argument -> !fromEnvironment.contains(argument)).forEach(command::add);
        command.add(DEFAULT_MAX_HEAP);
        command.add("-D" + CHILD + "=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(Arrays.asList(args));
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "insiders-child-stop"));
            System.exit(child.waitFor());
        } catch (java.io.IOException e) {
            // The application then runs here, with the JVM's own default heap.
            System.err.println("could not start the application with " + DEFAULT_MAX_HEAP + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The jar this application runs from ({@code java -jar}), or null (run from classes: an IDE, the tests). */
    private static Path runningJar() {
        String first = System.getProperty("sun.java.command", "").split(" ")[0];
        return first.endsWith(".jar") && new File(first).isFile() ? Path.of(first).toAbsolutePath() : null;
    }
}
