package io.insiders.api.accounts;

import com.fasterxml.jackson.annotation.JsonCreator;
import tools.jackson.databind.JsonNode;

/**
 * A request body as it came, for the handlers that check its fields one by one with Django REST
 * Framework's messages. Its {@link #toString()} never shows the content: Spring's debug logging prints
 * request bodies that way, and these may carry a password.
 */
public final class JsonBody {

    private final JsonNode node;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public JsonBody(JsonNode node) {
        this.node = node;
    }

    /** The JSON value, null when the body was {@code null}. */
    public JsonNode node() {
        return node;
    }

    @Override
    public String toString() {
        return "JSON body (not shown)";
    }
}
