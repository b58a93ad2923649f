package io.insiders.api.preprocessed;

import java.time.Duration;
import java.util.List;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.ownership.DeviceAccess;
import io.insiders.api.ownership.Ownership;
import io.insiders.api.ownership.Ownerships;
import io.insiders.api.security.CurrentManager;
import io.insiders.stream.devices.DeviceRecord;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A device's preprocessed data: its newest frames, its activity ranges over at most 14 days, and its
 * frames over at most 2 days, paged. The rules on parameters are Django REST Framework's, as the API's
 * clients know them (see {@code docs/data-listing.md}). The latest data is its current owner's; the data over
 * time is each manager's for the times he owned the device (see {@code docs/devices.md}).
 */
@RestController
public class PreprocessedDataController {

    static final int LATEST_DEFAULT_SIZE = 1;
    static final int LATEST_MAX_SIZE = 300;
    static final Duration RANGES_LONGEST = Duration.ofDays(14);
    static final int RANGES_DEFAULT_LIMIT = 3000;
    static final int RANGES_MAX_LIMIT = 3000;
    static final Duration DATA_LONGEST = Duration.ofDays(2);
    static final int DATA_DEFAULT_LIMIT = 10_000;
    static final int DATA_MAX_LIMIT = 25_000;

    private final DeviceRegistry devices;
    private final DeviceAccess access;
    private final PreprocessedData data;

    public PreprocessedDataController(DeviceRegistry devices, DeviceAccess access, PreprocessedData data) {
        this.devices = devices;
        this.access = access;
        this.data = data;
    }

    /**
     * The newest frames, newest first, unpaginated: {@code size} of them (1 by default, at most 300), of the current
     * owner's ownership (fewer when it holds fewer).
     */
    @GetMapping("/api/v1/devices/{device}/preprocessed-data/latest/")
    List<DataRow> latest(@PathVariable("device") String deviceId, @RequestParam MultiValueMap<String, String> query) {
        DeviceRecord device = devices.require(deviceId);
        Ownership current = access.requireCurrentOwner(device);
        int size = QueryParameters.boundedInteger(query, "size", LATEST_DEFAULT_SIZE, 1, LATEST_MAX_SIZE);
        // Newest first: the frames from before his ownership (a previous owner's) are the tail, left out.
        return data.latest(device, size).stream().filter(row -> row.timestamp() >= current.startTime()).toList();
    }

    /**
     * The activity ranges that meet [start, stop], whole (not clipped to the interval), by start; a range that reaches
     * beyond the manager's ownership is cut to it, its bounds and size those of its samples inside it.
     */
    @GetMapping("/api/v1/devices/{device}/preprocessed-data/ranges/")
    PageBody<RangeRow> ranges(@PathVariable("device") String deviceId, @RequestParam MultiValueMap<String, String> query) {
        DeviceRecord device = devices.require(deviceId);
        Interval interval = Interval.from(query, RANGES_LONGEST);
        List<Ownership> owned = access.requireOwnedBetween(device, interval.start(), interval.stop());
        int limit = Paging.limit(query, RANGES_DEFAULT_LIMIT, RANGES_MAX_LIMIT);
        List<Interval> periods = owned.stream().map(ownership -> new Interval(ownership.startTime(), ownership.endTime() - 1)).toList();
        return data.ranges(device, interval, limit, Paging.page(query), periods);
    }

    /** The frames in [start, stop] within the manager's ownerships of the device, in time order, paged from the listing's snapshot. */
    @GetMapping("/api/v1/devices/{device}/preprocessed-data/")
    PageBody<DataRow> list(@PathVariable("device") String deviceId, @RequestParam MultiValueMap<String, String> query) {
        DeviceRecord device = devices.require(deviceId);
        Interval interval = Interval.from(query, DATA_LONGEST);
        List<Ownership> owned = access.requireOwnedBetween(device, interval.start(), interval.stop());
        int limit = Paging.limit(query, DATA_DEFAULT_LIMIT, DATA_MAX_LIMIT);
        List<Interval> windows = Ownerships.windows(owned, interval.start(), interval.stop()).stream()
                .map(window -> new Interval(window[0], window[1])).toList();
        return data.data(device, interval, limit, Paging.page(query), CurrentManager.require().id(), windows);
    }
}
