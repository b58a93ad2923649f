package io.insiders.api.ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.devices.DeviceSettings;
import io.insiders.api.devices.DeviceView;
import io.insiders.api.devices.QueryFilters;
import io.insiders.api.openapi.ApiDocs;
import io.insiders.api.preprocessed.PageBody;
import io.insiders.api.preprocessed.Paging;
import io.insiders.api.registry.Registry;
import io.insiders.api.security.CurrentManager;
import io.insiders.api.security.ForbiddenResponses;
import io.insiders.api.web.ApiException;
import io.insiders.stream.devices.DeviceRecord;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A manager's device ownerships, past and current, by id, with the filters of the seed document. A manager sees
 * his own: another manager's ownership is 403, an id that names none 404 (see {@code docs/devices.md}).
 */
@RestController
@Tag(name = ApiDocs.TAG_DEVICE_OWNERSHIPS)
public class OwnershipController {

    static final int DEFAULT_LIMIT = 3000;
    static final int MAX_LIMIT = 3000;
    static final String INVALID_DEVICE = "Select a valid choice. That choice is not one of the available choices.";

    private final Registry registry;
    private final DeviceRegistry devices;

    public OwnershipController(Registry registry, DeviceRegistry devices) {
        this.registry = registry;
        this.devices = devices;
    }

    @Operation(operationId = "device_ownerships_list", summary = "Lists device ownerships",
            description = "The authenticated manager's ownerships, past and current, by id.\n\n"
                    + "This operation is restricted to manager users.")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number", schema = @Schema(type = "integer"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Number of results per page (default and max is 3000)",
            schema = @Schema(type = "integer", maximum = "3000"))
    @Parameter(name = "device", in = ParameterIn.QUERY, description = "Filter on device ID", schema = @Schema(type = "string"))
    @Parameter(name = "device_name", in = ParameterIn.QUERY, description = "Filter on device's device name (exact match)",
            schema = @Schema(type = "string"))
    @Parameter(name = "start_time_from", in = ParameterIn.QUERY, example = "2020-02-20T18:00:00+0100",
            description = "Filter on start_time (greater than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "start_time_to", in = ParameterIn.QUERY, example = "2020-02-20T18:00:00+0100",
            description = "Filter on start_time (lesser than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "end_time_from", in = ParameterIn.QUERY, example = "2022-02-20T18:00:00+0100",
            description = "Filter on end_time (greater than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "end_time_to", in = ParameterIn.QUERY, example = "2022-02-20T18:00:00+0100",
            description = "Filter on end_time (lesser than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @ApiResponse(responseCode = "200", description = "A page of ownerships",
            content = @Content(schema = @Schema(implementation = OwnershipPage.class)))
    @ApiResponse(responseCode = "400", description = "A filter that cannot be read", content = @Content(
            schema = @Schema(ref = ApiDocs.VALIDATION_ERROR_SCHEMA), examples = {
                @ExampleObject(name = "date-time", value = "{\"start_time_from\": [\"Enter a valid date/time.\"]}"),
                @ExampleObject(name = "device", value = "{\"device\": [\"" + INVALID_DEVICE + "\"]}")}))
    @GetMapping("/api/v1/device-ownerships/")
    PageBody<OwnershipView> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        long manager = CurrentManager.require().id();
        Predicate<Ownership> filter = filter(query);
        int limit = Paging.limit(query, DEFAULT_LIMIT, MAX_LIMIT);
        long page = Paging.page(query);
        List<Ownership> kept = Ownerships.ofManager(registry.state(), manager).stream().filter(filter).toList();
        Paging.PageWindow window = Paging.window(kept.size(), limit, page);
        List<OwnershipView> results = new ArrayList<>(window.size());
        for (Ownership ownership : kept.subList((int) window.offset(), (int) window.offset() + window.size())) {
            results.add(view(ownership));
        }
        return window.body(kept.size(), results);
    }

    @Operation(operationId = "device_ownerships_retrieve", summary = "Retrieves a device ownership",
            description = "One of the authenticated manager's ownerships; the list's filters apply (an ownership they leave out is"
                    + " 404).\n\nThis operation is restricted to manager users, each to his own ownerships.")
    @Parameter(name = "device", in = ParameterIn.QUERY, description = "Filter on device ID", schema = @Schema(type = "string"))
    @Parameter(name = "device_name", in = ParameterIn.QUERY, description = "Filter on device's device name (exact match)",
            schema = @Schema(type = "string"))
    @Parameter(name = "start_time_from", in = ParameterIn.QUERY, example = "2020-02-20T18:00:00+0100",
            description = "Filter on start_time (greater than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "start_time_to", in = ParameterIn.QUERY, example = "2020-02-20T18:00:00+0100",
            description = "Filter on start_time (lesser than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "end_time_from", in = ParameterIn.QUERY, example = "2022-02-20T18:00:00+0100",
            description = "Filter on end_time (greater than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(name = "end_time_to", in = ParameterIn.QUERY, example = "2022-02-20T18:00:00+0100",
            description = "Filter on end_time (lesser than or equal)", schema = @Schema(type = "string", format = "date-time"))
    @ApiResponse(responseCode = "200", description = "The ownership",
            content = @Content(schema = @Schema(implementation = OwnershipView.class)))
    @ApiResponse(responseCode = "400", description = "A filter that cannot be read", content = @Content(
            schema = @Schema(ref = ApiDocs.VALIDATION_ERROR_SCHEMA), examples = @ExampleObject(name = "date-time",
                    value = "{\"end_time_to\": [\"Enter a valid date/time.\"]}")))
    @GetMapping("/api/v1/device-ownerships/{device_ownership}/")
    OwnershipView ownership(@PathVariable("device_ownership") String ownershipId,
                            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> query) {
        long manager = CurrentManager.require().id();
        Ownership ownership = parseId(ownershipId)
                .flatMap(id -> registry.state().get(Ownership.KIND, id, Ownership.class)).orElseThrow(ApiException::notFound);
        if (ownership.manager() != manager) {
            throw ApiException.detail(HttpStatus.FORBIDDEN, ForbiddenResponses.NOT_PERMITTED);
        }
        if (!filter(query).test(ownership)) {
            throw ApiException.notFound();
        }
        return view(ownership);
    }

    private Predicate<Ownership> filter(MultiValueMap<String, String> query) {
        List<Predicate<Ownership>> filters = new ArrayList<>();
        String device = QueryFilters.text(query, "device");
        if (device != null) {
            long id = parseId(device.strip()).filter(candidate -> devices.byId(candidate).isPresent())
                    .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, Map.of("device", List.of(INVALID_DEVICE))));
            filters.add(ownership -> ownership.device() == id);
        }
        String deviceName = QueryFilters.text(query, "device_name");
        if (deviceName != null) {
            filters.add(ownership -> devices.byId(ownership.device()).map(DeviceRecord::deviceName)
                    .filter(deviceName::equals).isPresent());
        }
        Long startFrom = QueryFilters.dateTime(query, "start_time_from");
        Long startTo = QueryFilters.dateTime(query, "start_time_to");
        Long endFrom = QueryFilters.dateTime(query, "end_time_from");
        Long endTo = QueryFilters.dateTime(query, "end_time_to");
        filters.add(ownership -> QueryFilters.within(ownership.startTime(), startFrom, startTo)
                && QueryFilters.within(ownership.endTime(), endFrom, endTo));
        return filters.stream().reduce(ownership -> true, Predicate::and);
    }

    private OwnershipView view(Ownership ownership) {
        DeviceView device = devices.byId(ownership.device()).map(record -> DeviceView.of(record,
                registry.state().get(DeviceSettings.KIND, record.id(), DeviceSettings.class).orElse(null))).orElse(null);
        return OwnershipView.of(ownership, device);
    }

    private static java.util.Optional<Long> parseId(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Long.parseLong(text));
    }

    /** A page of ownerships, for the OpenAPI document. */
    @Schema(name = "DeviceOwnershipPage")
    record OwnershipPage(long count, long page, Long next, Long previous, List<OwnershipView> results) {
    }
}
