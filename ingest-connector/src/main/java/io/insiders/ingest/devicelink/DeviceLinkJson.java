package io.insiders.ingest.devicelink;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the device link's topics ({@code insiders.devices.downlink}, {@code insiders.devices.uplink}): unknown
 * keys are ignored, so either side may add some; a message that cannot be read says why.
 */
public final class DeviceLinkJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DeviceLinkJson() {
    }

    /** A command or report as JSON. */
    public static byte[] write(Object message) {
        return JSON.writeValueAsBytes(message);
    }

    /**
     * A downlink command.
     *
     * @throws IllegalArgumentException when the bytes are not a command
     */
    public static DownlinkCommand command(byte[] json) {
        return read(json, DownlinkCommand.class);
    }

    /**
     * An uplink report of a known type.
     *
     * @throws IllegalArgumentException when the bytes are not a report, or one of an unknown type
     */
    public static UplinkReport report(byte[] json) {
        UplinkReport report = read(json, UplinkReport.class);
        if (!UplinkReport.STARTED.equals(report.type()) && !UplinkReport.APPLIED.equals(report.type())) {
            throw new IllegalArgumentException("unknown report type " + report.type());
        }
        return report;
    }

    private static <T> T read(byte[] json, Class<T> type) {
        if (json == null) {
            throw new IllegalArgumentException("no value");
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return JSON.treeToValue(tree, type);
        } catch (JacksonException e) {
            // A record's own check (a MAC address, a missing field) arrives wrapped: say what it said.
            Throwable cause = e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException
                    ? e.getCause() : e;
            String message = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException("unreadable: " + message, e);
        }
    }
}
