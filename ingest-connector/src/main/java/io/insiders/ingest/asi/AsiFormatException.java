package io.insiders.ingest.asi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An ASI file that cannot be used at all: the rule it breaks and, where there is one, the byte offset.
 *
 * <p>Checked on purpose: the upload path must turn it into a 400 answer or a failed job, never let it escape.
 */
public final class AsiFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The rule a refused file breaks; {@link #code()} is the value of {@code details().get("rule")}. */
    public enum Rule {
        /** Not {@code ASI\0} ... {@code ASI V2} in the first 18 bytes. */
        BAD_HEADER("bad_header"),
        /** The schema table ends inside an entry or declares an integer of an unknown width. */
        SCHEMA_TABLE_MALFORMED("schema_table_malformed"),
        /** The schema table has no entry for packet 9 (UBX-NAV-PVT). */
        PACKET9_MISSING("packet9_missing"),
        /** The schema's packet 9 is not exactly 92 bytes, or has no fixed size. */
        PACKET9_NOT_92_BYTES("packet9_not_92_bytes"),
        /** The file decodes to no frame. */
        NO_USABLE_FIX("no_usable_fix");

        private final String code;

        Rule(String code) {
            this.code = code;
        }

        /** The snake_case name used in {@code details}. */
        public String code() {
            return code;
        }
    }

    private final Rule rule;
    private final int offset;
    // Serialising an exception is not a use case here; the summary is rebuilt from the message if ever needed.
    private final transient Map<String, Object> summary;

    AsiFormatException(Rule rule, String message, int offset) {
        this(rule, message, offset, Map.of());
    }

    AsiFormatException(Rule rule, String message, int offset, Map<String, Object> summary) {
        super(message);
        this.rule = rule;
        this.offset = offset;
        this.summary = AsiDetails.unmodifiable(summary);
    }

    /** The rule the file breaks. */
    public Rule rule() {
        return rule;
    }

    /** The byte offset in the file where the rule was found broken, if the rule concerns one place. */
    public OptionalInt offset() {
        return offset < 0 ? OptionalInt.empty() : OptionalInt.of(offset);
    }

    /**
     * A JSON-ready description of the failure: {@code rule}, {@code error} (the message), {@code offset} when there is one,
     * and for {@link Rule#NO_USABLE_FIX} the decoding summary (rejected counts, truncation, resynchronisation).
     */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", rule.code());
        details.put("error", getMessage());
        if (offset >= 0) {
            details.put("offset", offset);
        }
        if (summary != null) {
            details.putAll(summary);
        }
        return Collections.unmodifiableMap(details);
    }
}
