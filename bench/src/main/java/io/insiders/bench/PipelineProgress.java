package io.insiders.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Follows how far the pipeline's consumer group has committed on an input topic until it has committed every
 * record there. With exactly-once processing, a committed input offset means that the frames before it are in
 * every store and every output topic: the committed offsets are the pipeline's throughput, read without
 * consuming anything. Samples the RSS of a process meanwhile.
 */
@Command(name = "progress", mixinStandardHelpOptions = true,
        description = "Waits until a consumer group has committed every record of a topic; prints the rates and the RSS.")
final class PipelineProgress implements Callable<Integer> {

    /** USER_HZ of Linux's /proc: 100 on every usual build. */
    private static final int CLOCK_TICKS = 100;

    @Option(names = "--bootstrap-servers", required = true)
    String bootstrapServers;

    @Option(names = "--group", defaultValue = "insiders")
    String group;

    @Option(names = "--topic", defaultValue = "insiders.frames.raw")
    String topic;

    @Option(names = "--expect", defaultValue = "1", description = "Wait until the topic holds at least this many records.")
    long expect;

    @Option(names = "--interval-ms", defaultValue = "500")
    long intervalMs;

    @Option(names = "--timeout-s", defaultValue = "3600")
    long timeoutSeconds;

    @Option(names = "--pid", description = "Process whose VmRSS is sampled at each step.")
    Long pid;

    @Override
    public Integer call() throws Exception {
        record Sample(long nanos, long committed, long rssKib, long cpuTicks) {
        }
        List<Sample> samples = new ArrayList<>();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long end;
            long committed;
            do {
                Thread.sleep(intervalMs);
                end = endOffsets(admin);
                committed = committed(admin);
                samples.add(new Sample(System.nanoTime(), committed, rssKib(), cpuTicks()));
                if (System.nanoTime() > deadline) {
                    System.out.printf("timeout=true%ncommitted=%d%nend=%d%n", committed, end);
                    return 1;
                }
            } while (end < expect || committed < end);
            long total = end;
            Sample first = samples.stream().filter(s -> s.committed() > 0).findFirst().orElseThrow();
            Sample tenth = samples.stream().filter(s -> s.committed() >= total / 10).findFirst().orElseThrow();
            Sample last = samples.get(samples.size() - 1);
            List<Long> rss = samples.stream().filter(s -> s.nanos() >= first.nanos()).map(Sample::rssKib).sorted()
                    .collect(Collectors.toList());
            System.out.printf("records=%d%n", total);
            System.out.printf("seconds=%.1f%n", (last.nanos() - first.nanos()) / 1e9);
            // From the first tenth on: the start-up of the tasks and their first transaction left out.
            System.out.printf("rate=%.0f%n", (total - tenth.committed()) / ((last.nanos() - tenth.nanos()) / 1e9));
            System.out.printf("rss_max_mib=%d%n", rss.get(rss.size() - 1) / 1024);
            if (pid != null) {
                // The process's CPU time over the same window: on a shared machine, frames per CPU-second vary less than frames/s.
                double cpuSeconds = (last.cpuTicks() - tenth.cpuTicks()) / (double) CLOCK_TICKS;
                System.out.printf("cpu_seconds=%.1f%n", cpuSeconds);
                System.out.printf("frames_per_cpu_second=%.0f%n", (total - tenth.committed()) / cpuSeconds);
            }
            System.out.printf("rss_median_mib=%d%n", rss.get(rss.size() / 2) / 1024);
            return 0;
        }
    }

    private long endOffsets(Admin admin) throws ExecutionException, InterruptedException {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
        return ends.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    private long committed(Admin admin) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** utime + stime of the process, in clock ticks ({@link #CLOCK_TICKS} a second). */
    private long cpuTicks() {
        if (pid == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            return 0;
        }
    }

    private long rssKib() {
        if (pid == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
