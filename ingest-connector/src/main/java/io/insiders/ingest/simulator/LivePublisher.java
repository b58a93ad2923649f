package io.insiders.ingest.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.insiders.schemas.Frame;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the frames of simulated devices to Kafka, keyed by device name, as {@link LiveSettings} say.
 *
 * <p>Frames are made as they are sent, a step at a time for every device (a frame, or a second of frames), so memory does
 * not grow with the duration. At {@link Pace#REALTIME} a step is sent when the time of its last frame comes; at
 * {@link Pace#MAX} as fast as the producer takes it. {@link #run()} returns when the duration is played or when
 * {@link #stop()} is called (from another thread, a shutdown hook say), after flushing the producer: every frame counted
 * in its summary was acknowledged. A publisher runs once.
 */
public final class LivePublisher implements AutoCloseable {

    /** How often progress is reported by default. */
    public static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final long SLEEP_SLICE_MILLIS = 100L;

    private final Producer<String, byte[]> producer;
    private final boolean ownsProducer;
    private final LiveSettings settings;
    private final Clock clock;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onAcknowledged = (metadata, exception) -> {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
    };
    private volatile boolean stopRequested;
    private boolean interrupted;
    private Duration progressInterval = PROGRESS_INTERVAL;
    private Consumer<PublishSummary> progress = summary -> { };

    /** A publisher with a producer of its own on {@code bootstrapServers}, tuned by {@link #producerProperties(String)}. */
    public LivePublisher(String bootstrapServers, LiveSettings settings) {
        this(producerProperties(bootstrapServers), settings);
    }

    /**
     * A publisher with a producer of its own, configured by {@code config} over the defaults of
     * {@link #producerProperties(String)}; {@code config} must name the bootstrap servers. The serializers are set here.
     */
    public LivePublisher(Properties config, LiveSettings settings) {
        this(new KafkaProducer<>(withDefaults(config), new StringSerializer(), new ByteArraySerializer()), true, settings,
                Clock.systemUTC());
    }

    /** A publisher on a producer it does not own: {@link #close()} leaves it open. */
    public LivePublisher(Producer<String, byte[]> producer, LiveSettings settings, Clock clock) {
        this(producer, false, settings, clock);
    }

    private LivePublisher(Producer<String, byte[]> producer, boolean ownsProducer, LiveSettings settings, Clock clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ownsProducer = ownsProducer;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Producer settings tuned for throughput: large lingering batches compressed with LZ4, acknowledged by every in-sync
     * replica (idempotence stays on, so retries never duplicate a frame).
     */
    public static Properties producerProperties(String bootstrapServers) {
        Properties config = new Properties();
        if (bootstrapServers != null) {
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "insiders-simulator");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    /** Calls {@code listener} from the publishing thread about every {@code interval} with the counts so far. */
    public LivePublisher onProgress(Duration interval, Consumer<PublishSummary> listener) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the progress interval must be positive, not " + interval);
        }
        this.progressInterval = interval;
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public LiveSettings settings() {
        return settings;
    }

    /** Asks a running {@link #run()} to stop after the step it is sending; safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /** Publishes until the duration is played or {@link #stop()} is called. */
    public PublishSummary run() {
        return run(() -> false);
    }

    /**
     * Publishes until the duration is played, {@link #stop()} is called or {@code stopCondition} turns true (it is asked
     * before every step).
     *
     * @throws KafkaException when the producer failed to deliver a record; the publisher stops at the first failure
     */
    public PublishSummary run(BooleanSupplier stopCondition) {
        BooleanSupplier stopping = () -> stopRequested || interrupted || failure.get() != null || stopCondition.getAsBoolean();
        List<SimulatedDevice> devices = settings.fleet().devices();
        int provisioned = 0;
        if (settings.provision()) {
            for (SimulatedDevice device : devices) {
                producer.send(new ProducerRecord<>(Topics.DEVICES_PROVISIONING, device.provisioningKey(),
                        device.provisioningJson()), onAcknowledged);
                provisioned++;
            }
            producer.flush();
            sleepUntil(clock.millis() + settings.provisioningPause().toMillis(), stopping);
        }

        int perStep = settings.batching().frames();
        long stepMillis = perStep * SimulatedSession.FRAME_MILLIS;
        long startMillis = firstFrameMillis(stepMillis);
        List<Iterator<Frame>> cursors = new ArrayList<>(devices.size());
        for (SimulatedDevice device : devices) {
            cursors.add(session(device, Instant.ofEpochMilli(startMillis)).frames());
        }

        long began = System.nanoTime();
        long nextReport = began + progressInterval.toNanos();
        long frames = 0;
        long messages = 0;
        List<Frame> batch = new ArrayList<>(perStep);
        // Every session has as many frames, so the first device's tells when all are played.
        for (long step = 0; cursors.get(0).hasNext() && !stopping.getAsBoolean(); step++) {
            if (settings.pace() == Pace.REALTIME
                    && !sleepUntil(startMillis + step * stepMillis + stepMillis - SimulatedSession.FRAME_MILLIS, stopping)) {
                break;
            }
            // A failed send ends the step too: with the broker unreachable each send blocks for max.block.ms.
            for (int i = 0; i < cursors.size() && failure.get() == null; i++) {
                Iterator<Frame> cursor = cursors.get(i);
                batch.clear();
                while (batch.size() < perStep && cursor.hasNext()) {
                    batch.add(cursor.next());
                }
                messages += send(devices.get(i).name(), batch);
                frames += batch.size();
            }
            long nanos = System.nanoTime();
            if (nanos >= nextReport) {
                nextReport = nanos + progressInterval.toNanos();
                progress.accept(new PublishSummary(devices.size(), provisioned, frames, messages, Duration.ofNanos(nanos - began),
                        false));
            }
        }
        boolean ended = !cursors.get(0).hasNext();
        try {
            producer.flush();
        } finally {
            if (interrupted) {
                // Kept off the thread while flushing, as the producer gives up a flush on an interrupted thread.
                Thread.currentThread().interrupt();
            }
        }
        Exception failed = failure.get();
        if (failed != null) {
            throw new KafkaException("publishing failed after " + frames + " frames: " + failed.getMessage(), failed);
        }
        return new PublishSummary(devices.size(), provisioned, frames, messages, Duration.ofNanos(System.nanoTime() - began),
                !ended);
    }

    /** Closes the producer if this publisher made it, waiting up to 10 s for records still in flight. */
    @Override
    public void close() {
        if (ownsProducer) {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    /** The time of the first frame, a whole number of steps. */
    private long firstFrameMillis(long stepMillis) {
        long now = clock.millis();
        long first;
        if (settings.pace() == Pace.REALTIME) {
            first = now;
        } else if (settings.start() != null) {
            first = settings.start().toEpochMilli();
        } else {
            first = now - maxDuration().toMillis();
        }
        // Whole steps, so that a second's batch holds the frames of one second of the clock.
        return Math.floorDiv(first, stepMillis) * stepMillis;
    }

    private Duration maxDuration() {
        return settings.duration() == null ? LiveSettings.DEFAULT_MAX_DURATION : settings.duration();
    }

    private SimulatedSession session(SimulatedDevice device, Instant start) {
        if (settings.pace() == Pace.REALTIME && settings.duration() == null) {
            return device.endlessSession(settings.pitch(), start);
        }
        return device.session(settings.pitch(), start, settings.pace() == Pace.MAX ? maxDuration() : settings.duration());
    }

    /** Sends one step of a device; returns the number of records sent. */
    private int send(String device, List<Frame> batch) {
        String topic = settings.format().topic();
        if (settings.format() == FrameFormat.JSON && settings.batching() == Batching.SECOND) {
            producer.send(new ProducerRecord<>(topic, device, FrameJson.array(batch)), onAcknowledged);
            return 1;
        }
        for (Frame frame : batch) {
            producer.send(new ProducerRecord<>(topic, device, settings.format().encode(frame)), onAcknowledged);
        }
        return batch.size();
    }

    /** Sleeps until the clock reads {@code millis}; false when stopped or interrupted first. */
    private boolean sleepUntil(long millis, BooleanSupplier stopping) {
        long left = millis - clock.millis();
        while (left > 0) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(left, SLEEP_SLICE_MILLIS));
            } catch (InterruptedException e) {
                interrupted = true;
                return false;
            }
            left = millis - clock.millis();
        }
        return !stopping.getAsBoolean();
    }

    private static Properties withDefaults(Properties config) {
        Properties merged = producerProperties(null);
        merged.putAll(config);
        if (!merged.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("the producer configuration names no " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        return merged;
    }
}
