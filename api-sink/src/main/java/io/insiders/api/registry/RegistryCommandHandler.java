package io.insiders.api.registry;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.insiders.api.commands.CommandHandler;
import io.insiders.api.commands.CommandTopics;
import io.insiders.ingest.kafka.CompactedTopicReader;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry processor's side: decides each command with the feature's {@link RegistryRules},
 * and writes its changes to {@code insiders.registry.state}, its messages, and its result, in the
 * command's transaction.
 */
final class RegistryCommandHandler implements CommandHandler<RegistryState> {

    /** The registry commands' topics; the group and transactional id are the same on every instance. */
    static final CommandTopics TOPICS = new CommandTopics(Topics.REGISTRY_COMMANDS, Topics.REGISTRY_RESULTS, "insiders.registry",
            "insiders.registry.processor", "insiders-registry");

    /** On each state record: the offset of the command that wrote it (8 bytes, big-endian). */
    static final String COMMAND_OFFSET_HEADER = "insiders.registry.command-offset";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCommandHandler.class);

    private final List<RegistryRules> rules;
    private final LongSupplier clock;

    RegistryCommandHandler(List<RegistryRules> rules, LongSupplier clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    @Override
    public RegistryState load(String bootstrapServers) {
        return readState(bootstrapServers);
    }

    @Override
    public Decision decide(RegistryState state, ConsumerRecord<String, byte[]> record) {
        RegistryCommand command;
        try {
            command = RegistryJson.read(record.value(), RegistryCommand.class);
        } catch (RuntimeException e) {
            LOG.warn("unreadable registry command at offset {}: {}", record.offset(), e.getMessage());
            return Decision.nothing();
        }
        RegistryDecision decision = decide(state, command);
        long offset = record.offset();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (RegistryChange change : decision.changes()) {
            records.add(stateRecord(change, offset));
        }
        records.addAll(decision.messages());
        RegistryResult result = new RegistryResult(command.correlationId(), decision.status(), decision.body(), decision.changes(), offset);
        records.add(new ProducerRecord<>(Topics.REGISTRY_RESULTS, command.correlationId(), RegistryJson.write(result)));
        return new Decision(records, () -> decision.changes().forEach(change -> state.apply(change.key(), change.value(), offset)),
                () -> LOG.info("registry command {} {} at offset {}: {} ({} changes)", command.type(), command.correlationId(), offset,
                    decision.status(), decision.changes().size()));
    }

    private RegistryDecision decide(RegistryState state, RegistryCommand command) {
        for (RegistryRules candidate : rules) {
            if (command.type().startsWith(candidate.commandPrefix())) {
                try {
                    return candidate.decide(command, state, clock.getAsLong());
                } catch (RuntimeException e) {
                    // A defect in a feature's rules must not stop the processor for every other command.
                    LOG.error("registry command {} {} failed", command.type(), command.correlationId(), e);
                    return RegistryDecision.answer(500, Map.of("detail", "The command could not be applied."));
                }
            }
        }
        LOG.warn("registry command of unknown type {} ({})", command.type(), command.correlationId());
        return RegistryDecision.answer(400, Map.of("detail", "Unknown command " + command.type() + "."));
    }

    private static ProducerRecord<String, byte[]> stateRecord(RegistryChange change, long offset) {
        byte[] value = change.value() == null || change.value().isNull() ? null : RegistryJson.write(change.value());
        List<Header> headers = List.of(new RecordHeader(COMMAND_OFFSET_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(offset).array()));
        return new ProducerRecord<>(Topics.REGISTRY_STATE, null, change.key(), value, headers);
    }

    /** Applies a record of the state topic to a state (the processor's at take-over, or an instance's view). */
    static void apply(RegistryState state, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        Header header = record.headers().lastHeader(COMMAND_OFFSET_HEADER);
        long offset = header != null && header.value() != null && header.value().length == Long.BYTES
                ? ByteBuffer.wrap(header.value()).getLong() : -1;
        try {
            state.apply(record.key(), record.value() == null ? null : RegistryJson.readTree(record.value()), offset);
        } catch (RuntimeException e) {
            LOG.warn("unreadable registry record {} at offset {}: {}", record.key(), record.offset(), e.getMessage());
        }
    }

    /** The registry on the state topic, as committed, up to its end now. */
    static RegistryState readState(String bootstrapServers) {
        RegistryState state = new RegistryState();
        CompactedTopicReader.readOnce(bootstrapServers, Topics.REGISTRY_STATE, "insiders-registry-processor-state",
                record -> apply(state, record));
        return state;
    }
}
