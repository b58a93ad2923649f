package io.insiders.api.fields;

import java.util.Optional;

/** The integer ids of paths ({@code {field}}, {@code {activity}}): anything else names nothing. */
public final class PathIds {

    private PathIds() {
    }

    /** The id a path segment gives, or empty when it is not a (not too long) string of digits. */
    public static Optional<Long> parse(String pathId) {
        if (pathId == null || pathId.isEmpty() || pathId.length() > 18 || !pathId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(pathId));
    }
}
