package io.insiders.api.commands;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What a {@link SerialCommandProcessor} does with its commands: the state it decides against, and the
 * records each command gives. The processor holds the state while it holds the commands, and calls the
 * handler from its one thread only.
 *
 * @param <S> the state the commands are decided against
 */
public interface CommandHandler<S extends CommandHandler.State> {

    /** The state that commands are decided against. */
    interface State {

        /** Number of entries, for the log. */
        int size();

        /**
         * True when the command at {@code offset} was handled already (the state holds its effect): it is skipped. A
         * consumer position lost to the broker's offset retention then never applies a command twice.
         */
        boolean handled(long offset);
    }

    /**
     * Reads the state back from its topics, as committed: called when this instance takes the commands over, after
     * the previous owner's last transaction was completed or aborted.
     */
    S load(String bootstrapServers);

    /**
     * What the command does to the state: the records to write (its result among them) in the same transaction as the
     * consumer's next position. The state must not change yet: see {@link Decision#apply()}.
     */
    Decision decide(S state, ConsumerRecord<String, byte[]> command);

    /**
     * A command's records, and what the state becomes.
     *
     * @param records what to write in the command's transaction
     * @param apply applies the command to the state, once its records are sent: the commands after it in the same
     *     transaction are decided against it (if that transaction fails, the state is read back from the topics)
     * @param afterCommit what to do once the transaction committed (a log line)
     */
    record Decision(List<ProducerRecord<String, byte[]>> records, Runnable apply, Runnable afterCommit) {

        public Decision {
            records = List.copyOf(records);
        }

        /** A command that changes nothing and answers nothing (unreadable). */
        public static Decision nothing() {
            return new Decision(List.of(), () -> { }, () -> { });
        }
    }
}
