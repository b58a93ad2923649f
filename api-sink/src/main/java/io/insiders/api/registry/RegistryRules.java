package io.insiders.api.registry;

/**
 * A feature's rules over the registry: the commands it decides (by the prefix of their type, say
 * {@code ownership.}) and what each one does given the state. Deciding is pure: the processor commits
 * the decision, then applies its changes to the state. Features declare their rules as Spring beans.
 */
public interface RegistryRules {

    /** The prefix of the types of the commands these rules decide, with its dot: {@code ownership.}. */
    String commandPrefix();

    /**
     * What the command does, given the state as every earlier command left it.
     *
     * @param now the processor's clock, epoch milliseconds: the time a change takes effect
     */
    RegistryDecision decide(RegistryCommand command, RegistryState state, long now);
}
