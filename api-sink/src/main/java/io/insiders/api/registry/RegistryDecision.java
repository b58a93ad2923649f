package io.insiders.api.registry;

import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;

/**
 * What a command does: the answer the API gives (its HTTP status and body), the entries of the state
 * it changes, and the messages it sends elsewhere (a field to the pipeline, a configuration to a
 * device), all committed in the command's transaction.
 *
 * @param status the HTTP status of the answer
 * @param body the answer's body
 * @param changes the entries of the state it sets or removes
 * @param messages the records it writes to other topics
 */
public record RegistryDecision(int status, JsonNode body, List<RegistryChange> changes, List<ProducerRecord<String, byte[]>> messages) {

    public RegistryDecision {
        changes = List.copyOf(changes);
        messages = List.copyOf(messages);
    }

    /** An answer that changes nothing: a refusal, say 403 with its body. */
    public static RegistryDecision answer(int status, Object body) {
        return new RegistryDecision(status, RegistryJson.tree(body), List.of(), List.of());
    }

    /** An answer along with the changes it makes. */
    public static RegistryDecision applied(int status, Object body, List<RegistryChange> changes) {
        return new RegistryDecision(status, RegistryJson.tree(body), changes, List.of());
    }

    /** The same decision, also sending these messages. */
    public RegistryDecision sending(List<ProducerRecord<String, byte[]>> more) {
        List<ProducerRecord<String, byte[]>> all = new java.util.ArrayList<>(messages);
        all.addAll(more);
        return new RegistryDecision(status, body, changes, all);
    }
}
