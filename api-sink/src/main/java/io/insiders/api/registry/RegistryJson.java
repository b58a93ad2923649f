package io.insiders.api.registry;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the registry's topics: records with snake_case names. Unknown fields are ignored, so a
 * newer version may add fields that an older instance still reads.
 */
public final class RegistryJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RegistryJson() {
    }

    /** The value as a JSON tree. */
    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A JSON tree as a value of that type. */
    public static <T> T value(JsonNode tree, Class<T> type) {
        return JSON.treeToValue(tree, type);
    }

    static byte[] write(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    static <T> T read(byte[] json, Class<T> type) {
        return JSON.readValue(json, type);
    }

    static JsonNode readTree(byte[] json) {
        return JSON.readTree(json);
    }
}
