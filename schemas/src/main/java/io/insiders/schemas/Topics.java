package io.insiders.schemas;

/**
 * The names of the project's topics. The public ones are a contract with producers and consumers
 * outside the project (see {@code docs/topics.md}); the others are the pipeline's own.
 */
public final class Topics {

    /** Avro frames (single-object encoding), keyed by device name. Public, written by streaming producers. */
    public static final String FRAMES_RAW = "insiders.frames.raw";
    /** JSON frames, or JSON arrays of them, keyed by device name. Public, written by gateways and scripts. */
    public static final String FRAMES_JSON = "insiders.frames.json";
    /** JSON device records keyed by device id. Public, written by the fleet system. */
    public static final String DEVICES_PROVISIONING = "insiders.devices.provisioning";
    /** Avro enriched frames keyed by device name. Public, read by downstream consumers. */
    public static final String FRAMES_ENRICHED = "insiders.frames.enriched";
    /** Avro activity range changes keyed by device name. Public, read by downstream consumers. */
    public static final String ACTIVITY_RANGES = "insiders.activity-ranges";

    /** Records the intake refused, with their original bytes and the reason in headers. */
    public static final String FRAMES_DEAD_LETTER = "insiders.frames.dead-letter";
    /** Valid frames whose record key was not their device (arrays, keyless messages), re-keyed by device name. */
    public static final String FRAMES_REKEYED = "insiders.frames.rekeyed";
    /** Field (pitch) definitions as JSON, keyed by field id; compacted. */
    public static final String FIELDS = "insiders.fields";

    /** Uploaded ASI files (Avro {@code AsiUpload}) keyed by job id; one partition, so job ids follow its offsets. */
    public static final String ASI_UPLOADS = "insiders.asi.uploads";
    /** Upload jobs' states as JSON, keyed by job id; compacted, read in full by every instance. */
    public static final String JOBS = "insiders.jobs";

    /** Account commands (JSON) from the API to the account processor; one partition, so they apply in one order. */
    public static final String ACCOUNTS_COMMANDS = "insiders.accounts.commands";
    /** Managers' accounts as JSON, keyed by manager id; compacted, read in full by every instance. */
    public static final String ACCOUNTS_MANAGERS = "insiders.accounts.managers";
    /** The account processor's answer to each command (JSON), keyed by the command's correlation id. */
    public static final String ACCOUNTS_RESULTS = "insiders.accounts.results";

    /** Registry commands (JSON: ownerships, custom names, Bluetooth, fields, activities); one partition, one order. */
    public static final String REGISTRY_COMMANDS = "insiders.registry.commands";
    /** The registry's entries as JSON, keyed {@code <kind>/<id>}; compacted, read in full by every instance. */
    public static final String REGISTRY_STATE = "insiders.registry.state";
    /** The registry processor's answer to each command (JSON), keyed by the command's correlation id. */
    public static final String REGISTRY_RESULTS = "insiders.registry.results";

    /** Commands to devices (JSON: a Bluetooth configuration to apply), keyed by device name. Public, read by the devices. */
    public static final String DEVICES_DOWNLINK = "insiders.devices.downlink";
    /** Devices' reports (JSON: started, configuration applied), keyed by device name. Public, written by the devices. */
    public static final String DEVICES_UPLINK = "insiders.devices.uplink";

    private Topics() {
    }
}
