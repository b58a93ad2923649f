package io.insiders.api.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.insiders.api.commands.CommandHandler;
import io.insiders.api.commands.CommandTopics;
import io.insiders.api.commands.SerialCommandProcessor;
import io.insiders.ingest.kafka.CompactedTopicReader;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account processor's rules (run by a {@link SerialCommandProcessor} over
 * {@code insiders.accounts.commands}): each command's new manager record goes to
 * {@code insiders.accounts.managers}, its result to {@code insiders.accounts.results}, in the
 * command's transaction. A command the state already holds a later change for is skipped (see
 * {@link AccountState#handled}).
 */
final class AccountCommandHandler implements CommandHandler<AccountState> {

    /** The account commands' topics; the group and transactional id are the same on every instance. */
    static final CommandTopics TOPICS = new CommandTopics(Topics.ACCOUNTS_COMMANDS, Topics.ACCOUNTS_RESULTS, "insiders.accounts",
            "insiders.accounts.processor", "insiders-accounts");

    private static final Logger LOG = LoggerFactory.getLogger(AccountCommandHandler.class);

    private final LongSupplier clock;

    /** @param clock wall-clock time in epoch milliseconds, for the records' times */
    AccountCommandHandler(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public AccountState load(String bootstrapServers) {
        return readState(bootstrapServers);
    }

    @Override
    public Decision decide(AccountState state, ConsumerRecord<String, byte[]> record) {
        AccountCommand command;
        try {
            command = AccountsJson.read(record.value(), AccountCommand.class);
        } catch (RuntimeException e) {
            LOG.warn("unreadable account command at offset {}: {}", record.offset(), e.getMessage());
            return Decision.nothing();
        }
        CommandResult result = state.decide(command, record.offset(), clock.getAsLong());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(2);
        if (result.manager() != null) {
            records.add(new ProducerRecord<>(Topics.ACCOUNTS_MANAGERS, Long.toString(result.manager().id()),
                    AccountsJson.write(result.manager())));
        }
        records.add(new ProducerRecord<>(Topics.ACCOUNTS_RESULTS, result.correlationId(), AccountsJson.write(result)));
        return new Decision(records, () -> {
            if (result.manager() != null) {
                state.apply(result.manager());
            }
        }, () -> LOG.info("account command {} {} at offset {}: {}", command.type(), command.correlationId(), record.offset(),
                    result.outcome() == CommandResult.Outcome.APPLIED
                            ? result.manager() : result.outcome() + " " + result.errors().keySet()));
    }

    /** Every account on the managers topic, as committed, up to its end now. */
    static AccountState readState(String bootstrapServers) {
        AccountState state = new AccountState();
        CompactedTopicReader.readOnce(bootstrapServers, Topics.ACCOUNTS_MANAGERS, "insiders-accounts-processor-state", record -> {
            if (record.value() != null) {
                try {
                    state.apply(AccountsJson.read(record.value(), Manager.class));
                } catch (RuntimeException e) {
                    LOG.warn("unreadable manager record at offset {}: {}", record.offset(), e.getMessage());
                }
            }
        });
        return state;
    }
}
