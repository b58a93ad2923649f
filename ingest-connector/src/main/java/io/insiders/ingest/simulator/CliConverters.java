package io.insiders.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The command line's converters: short durations, ISO instants and the lower-case names of the option enums. */
public final class CliConverters {

    private CliConverters() {
    }

    /** {@code 90m}, {@code 30s}, {@code 1h30m}, {@code 500ms}, {@code PT90M}: see {@link Options#duration(String)}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Options.duration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An ISO-8601 instant such as {@code 2021-05-29T16:00:00Z}. */
    public static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2021-05-29T16:00:00Z");
            }
        }
    }

    /** {@code avro} or {@code json}. */
    public static final class FormatConverter implements ITypeConverter<FrameFormat> {
        @Override
        public FrameFormat convert(String value) {
            try {
                return FrameFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code single} or {@code second}. */
    public static final class BatchingConverter implements ITypeConverter<Batching> {
        @Override
        public Batching convert(String value) {
            try {
                return Batching.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code realtime} or {@code max}. */
    public static final class PaceConverter implements ITypeConverter<Pace> {
        @Override
        public Pace convert(String value) {
            try {
                return Pace.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
