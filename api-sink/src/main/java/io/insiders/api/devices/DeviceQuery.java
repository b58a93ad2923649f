package io.insiders.api.devices;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.insiders.stream.devices.DeviceRecord;
import org.springframework.util.MultiValueMap;

/**
 * The filters, search and ordering of {@code GET /api/v1/devices/}, as the Django REST Framework service read
 * them (django-filter, {@code SearchFilter}, {@code OrderingFilter}); see {@code docs/devices.md}.
 *
 * @param filter which devices the query keeps
 * @param order the order it lists them in
 * @param current true to list only the devices the manager owns now
 * @param activity the activity whose devices only are listed, or null
 */
record DeviceQuery(Predicate<Row> filter, Comparator<Row> order, boolean current, BigDecimal activity) {

    /** A device with its settings, as the query sees it. */
    record Row(DeviceRecord device, DeviceSettings settings) {
    }

    /** The fields {@code ordering} may name. */
    private static final Map<String, Function<Row, Comparable<?>>> ORDERING_FIELDS = Map.of(
            "device_name", row -> row.device().deviceName(),
            "custom_name", row -> row.settings().customName(),
            "serial_number", row -> row.device().serialNumber(),
            "device_type", row -> row.device().deviceType(),
            "activation_time", row -> row.settings().activationTime());
    /** Texts as a database's linguistic collation orders them (case aside first), other values naturally. */
    private static final Comparator<Comparable<Object>> VALUES = (left, right) -> {
        Object l = left;
        Object r = right;
        if (l instanceof String a && r instanceof String b) {
            int ignoringCase = a.compareToIgnoreCase(b);
            return ignoringCase != 0 ? ignoringCase : a.compareTo(b);
        }
        return left.compareTo(right);
    };
    private static final Comparator<Row> BY_ID = Comparator.comparingLong(row -> row.device().id());

    /**
     * Reads the query.
     *
     * @throws io.insiders.api.web.ApiException 400 for a date-time or an activity that cannot be read
     */
    static DeviceQuery from(MultiValueMap<String, String> query) {
        List<Predicate<Row>> filters = new ArrayList<>();
        String deviceName = QueryFilters.text(query, "device_name");
        if (deviceName != null) {
            filters.add(row -> QueryFilters.containsIgnoringCase(row.device().deviceName(), deviceName));
        }
        String serialNumber = QueryFilters.text(query, "serial_number");
        if (serialNumber != null) {
            filters.add(row -> QueryFilters.containsIgnoringCase(row.device().serialNumber(), serialNumber));
        }
        String customName = QueryFilters.text(query, "custom_name");
        if (customName != null) {
            filters.add(row -> QueryFilters.containsIgnoringCase(row.settings().customName(), customName));
        }
        String deviceType = QueryFilters.text(query, "device_type");
        if (deviceType != null) {
            filters.add(row -> deviceType.equals(row.device().deviceType()));
        }
        Long from = QueryFilters.dateTime(query, "activation_time_from");
        Long to = QueryFilters.dateTime(query, "activation_time_to");
        if (from != null || to != null) {
            filters.add(row -> QueryFilters.within(row.settings().activationTime(), from, to));
        }
        BigDecimal activity = QueryFilters.number(query, "activity");
        String search = QueryFilters.text(query, "search");
        if (search != null) {
            filters.add(searching(search));
        }
        Predicate<Row> filter = filters.stream().reduce(row -> true, Predicate::and);
        boolean current = Boolean.TRUE.equals(QueryFilters.bool(query, "current"));
        return new DeviceQuery(filter, ordering(QueryFilters.text(query, "ordering")), current, activity);
    }

    /**
     * The activity's id when it is a whole number; null when the query names no activity. An activity given as a number
     * that is no id (say 1.5) matches no device: {@code Long.MIN_VALUE}.
     */
    Long activityId() {
        if (activity == null) {
            return null;
        }
        try {
            return activity.longValueExact();
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Keeps the rows, in order. */
    List<Row> apply(List<Row> rows, Set<Long> inActivity) {
        return rows.stream().filter(filter).filter(row -> inActivity == null || inActivity.contains(row.device().id()))
                .sorted(order).toList();
    }

    /** SearchFilter: every term (split on spaces and commas) is in one of the names or the serial number, ignoring case. */
    private static Predicate<Row> searching(String search) {
        List<String> terms = List.of(search.strip().split("[\\s,]+")).stream().filter(term -> !term.isEmpty()).toList();
        return row -> terms.stream().allMatch(term -> QueryFilters.containsIgnoringCase(row.device().deviceName(), term)
                || QueryFilters.containsIgnoringCase(row.device().serialNumber(), term)
                || QueryFilters.containsIgnoringCase(row.settings().customName(), term));
    }

    /**
     * OrderingFilter: fields separated by commas, {@code -} for descending; unknown fields are left out, and without a
     * known one the order is by id. Texts are compared ignoring case first; missing values (no custom name) come last
     * ascending, first descending, as PostgreSQL orders NULLs; ties are by id.
     */
    private static Comparator<Row> ordering(String ordering) {
        Comparator<Row> order = null;
        if (ordering != null) {
            for (String term : ordering.split(",")) {
                String field = term.strip();
                boolean descending = field.startsWith("-");
                Function<Row, Comparable<?>> key = ORDERING_FIELDS.get(descending ? field.substring(1) : field);
                if (key == null) {
                    continue;
                }
                Comparator<Row> byField = Comparator.comparing(row -> comparable(key.apply(row)), Comparator.nullsLast(VALUES));
                byField = descending ? byField.reversed() : byField;
                order = order == null ? byField : order.thenComparing(byField);
            }
        }
        return order == null ? BY_ID : order.thenComparing(BY_ID);
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(Comparable<?> value) {
        return (Comparable<Object>) value;
    }
}
