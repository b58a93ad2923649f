package io.insiders.api.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import io.insiders.api.commands.CommandHandler;
import tools.jackson.databind.JsonNode;

/**
 * The registry's entries, by key {@code <kind>/<id>}: what the processor decides against, and what
 * every instance's API reads. Safe for one writer and many readers. Each entry remembers the offset
 * of the command that set it, so that a change applied early (the instance that wrote the command)
 * is not undone when the topic echoes an older one.
 */
public final class RegistryState implements CommandHandler.State {

    private final ConcurrentNavigableMap<String, Entry> entries = new ConcurrentSkipListMap<>();
    private final List<Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Indexes of a kind's entries by one of their attributes, by "kind/attribute" name; built on first use. */
    private final Map<String, AttributeIndex<?>> indexes = new ConcurrentHashMap<>();
    private volatile long lastCommandOffset = -1;

    /** An entry's JSON, and its decoded values by type: features read typed records many times for each change. */
    private record Entry(long offset, JsonNode value, Map<Class<?>, Object> decoded) {

        Entry(long offset, JsonNode value) {
            this(offset, value, new ConcurrentHashMap<>());
        }

        <T> T as(Class<T> type) {
            return type.cast(decoded.computeIfAbsent(type, t -> RegistryJson.value(value, t)));
        }
    }

    /** The key of the entry {@code id} of a kind. */
    public static String key(String kind, long id) {
        return kind + "/" + id;
    }

    /** Calls {@code listener} with the key of each entry that changes, after the change. */
    public void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Sets or removes an entry, unless it holds a change of a later command already. */
    public void apply(String key, JsonNode value, long commandOffset) {
        synchronized (this) {
            Entry current = entries.get(key);
            if (current != null && current.offset() > commandOffset) {
                return;
            }
            if (value == null || value.isNull()) {
                entries.remove(key);
            } else {
                entries.put(key, new Entry(commandOffset, value));
            }
            lastCommandOffset = Math.max(lastCommandOffset, commandOffset);
            indexes.values().forEach(index -> index.update(key));
        }
        listeners.forEach(listener -> listener.accept(key));
    }

    /**
     * True when the command at {@code offset} was handled already: the state holds a change of a command at or after
     * it. Commands apply in offset order; one that changed nothing left no trace and is decided again the same way.
     */
    @Override
    public boolean handled(long offset) {
        return offset <= lastCommandOffset;
    }

    /** Number of entries. */
    @Override
    public int size() {
        return entries.size();
    }

    /** The entry {@code kind/id}, as a value of that type. */
    public <T> Optional<T> get(String kind, long id, Class<T> type) {
        return get(key(kind, id), type);
    }

    /** The entry with that key, as a value of that type. */
    public <T> Optional<T> get(String key, Class<T> type) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(entry.as(type));
    }

    /** Every entry of a kind, as values of that type, in no particular order. */
    public <T> List<T> all(String kind, Class<T> type) {
        String prefix = kind + "/";
        return entries.subMap(prefix, prefix + Character.MAX_VALUE).keySet().stream()
                .map(key -> get(key, type)).flatMap(Optional::stream).collect(Collectors.toList());
    }

    /**
     * The entries of a kind whose attribute has that value, as values of that type, in no particular order: read
     * through an index of the kind by that attribute, built on first use and kept up to date with every change, so a
     * question asked on every request (a device's ownerships) does not read every entry of the kind.
     *
     * @param attributeName names the index: the same name must always come with the same attribute
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> allWhere(String kind, Class<T> type, String attributeName, ToLongFunction<T> attribute, long value) {
        AttributeIndex<T> index = (AttributeIndex<T>) indexes.get(kind + "/" + attributeName);
        if (index == null) {
            // Built under the writer's lock, so that no change slips between the index's first reading and its updates.
            synchronized (this) {
                index = (AttributeIndex<T>) indexes.computeIfAbsent(kind + "/" + attributeName,
                        name -> new AttributeIndex<>(kind, type, attribute));
            }
        }
        return index.keys(value).stream().map(key -> get(key, type)).flatMap(Optional::stream).collect(Collectors.toList());
    }

    /** The keys of a kind's entries by the value of one attribute; changed by the one writer, under the state's lock. */
    private final class AttributeIndex<T> {

        private final String prefix;
        private final Class<T> type;
        private final ToLongFunction<T> attribute;
        private final Map<Long, Set<String>> keysByValue = new ConcurrentHashMap<>();
        private final Map<String, Long> valueByKey = new ConcurrentHashMap<>();

        AttributeIndex(String kind, Class<T> type, ToLongFunction<T> attribute) {
            this.prefix = kind + "/";
            this.type = type;
            this.attribute = attribute;
            entries.subMap(prefix, prefix + Character.MAX_VALUE).keySet().forEach(this::update);
        }

        void update(String key) {
            if (!key.startsWith(prefix)) {
                return;
            }
            Long previous = valueByKey.remove(key);
            Set<String> before = previous == null ? null : keysByValue.get(previous);
            if (before != null) {
                before.remove(key);
            }
            get(key, type).ifPresent(value -> {
                long current = attribute.applyAsLong(value);
                valueByKey.put(key, current);
                keysByValue.computeIfAbsent(current, v -> ConcurrentHashMap.newKeySet()).add(key);
            });
        }

        Set<String> keys(long value) {
            return keysByValue.getOrDefault(value, Set.of());
        }
    }

    /**
     * The largest id of a kind's entries, or 0: ids are given in sequence, {@code lastId + 1}. The id of an entry that
     * is removed may be given again: kinds whose ids are public mark their entries deleted instead.
     */
    public long lastId(String kind) {
        String prefix = kind + "/";
        return entries.subMap(prefix, prefix + Character.MAX_VALUE).keySet().stream()
                .map(key -> key.substring(prefix.length()))
                .filter(id -> !id.isEmpty() && id.length() < 19 && id.chars().allMatch(Character::isDigit))
                .mapToLong(Long::parseLong).max().orElse(0);
    }
}
