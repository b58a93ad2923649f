package io.insiders.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.insiders.ingest.asi.AsiDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ASI decoding against its reference, reading the same file's bytes; the best of several rounds of each, after a warm-up. */
@Command(name = "asi-decode", mixinStandardHelpOptions = true,
        description = "Reads, then reads and decodes, ASI files; prints the MB/s of each.")
final class AsiDecoding implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*")
    Path[] files;

    @Option(names = "--rounds", defaultValue = "20")
    int rounds;

    @Override
    public Integer call() throws Exception {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        long fixes = 0;
        long readBest = Long.MAX_VALUE;
        long decodeBest = Long.MAX_VALUE;
        for (int round = 0; round < rounds + 5; round++) {
            long started = System.nanoTime();
            long sum = 0;
            for (Path file : files) {
                sum += Files.readAllBytes(file).length;
            }
            long read = System.nanoTime() - started;
            started = System.nanoTime();
            fixes = 0;
            for (Path file : files) {
                io.insiders.ingest.asi.AsiDecoding decoded = AsiDecoder.decode(Files.readAllBytes(file));
                fixes += decoded.frames().size();
            }
            long decode = System.nanoTime() - started;
            if (round >= 5 && sum == bytes) {
                readBest = Math.min(readBest, read);
                decodeBest = Math.min(decodeBest, decode);
            }
        }
        System.out.printf("bytes=%d%n", bytes);
        System.out.printf("fixes=%d%n", fixes);
        System.out.printf("read_mb_per_s=%.0f%n", bytes / 1e6 / (readBest / 1e9));
        System.out.printf("decode_mb_per_s=%.0f%n", bytes / 1e6 / (decodeBest / 1e9));
        return 0;
    }
}
