package io.insiders.stream.intake;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Dead letters: a refused record keeps its original key and bytes, and says in its headers why it
 * was refused and where it came from, so that it can be inspected, fixed and replayed.
 */
public final class DeadLetters {

    /** The rule that failed, one of {@link Rejection.Reason}. */
    public static final String REASON = "insiders.dlq.reason";
    /** What exactly was wrong. */
    public static final String MESSAGE = "insiders.dlq.message";
    public static final String SOURCE_TOPIC = "insiders.dlq.topic";
    public static final String SOURCE_PARTITION = "insiders.dlq.partition";
    public static final String SOURCE_OFFSET = "insiders.dlq.offset";

    private DeadLetters() {
    }

    /** The dead letter of {@code original}, refused for {@code rejection}, read at {@code source}. */
    public static Record<Bytes, byte[]> of(Record<Bytes, byte[]> original, Rejection rejection, RecordMetadata source) {
        Headers headers = new RecordHeaders(original.headers().toArray());
        put(headers, REASON, rejection.reason().name());
        put(headers, MESSAGE, rejection.message());
        if (source != null) {
            put(headers, SOURCE_TOPIC, source.topic());
            put(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
            put(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        }
        return new Record<>(original.key(), original.value(), original.timestamp(), headers);
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
