package io.insiders.api.accounts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the accounts topics: records with snake_case names. Unknown fields are ignored, so a
 * newer version may add fields that an older instance still reads.
 */
final class AccountsJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private AccountsJson() {
    }

    static byte[] write(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    static <T> T read(byte[] json, Class<T> type) {
        return JSON.readValue(json, type);
    }
}
