package io.insiders.api.preprocessed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.insiders.api.TestKafka;
import io.insiders.api.devices.DeviceRegistry;
import io.insiders.schemas.EnrichedFrame;
import io.insiders.schemas.Topics;
import io.insiders.stream.frames.DeviceTimeKey;
import io.insiders.stream.frames.FrameBucket;
import io.insiders.stream.frames.FrameCounts;
import io.insiders.stream.frames.FrameHistory;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counting and paging a device's frames from the count index, over the stream processor's own stores
 * on a real broker (50,000 frames at 10 Hz): pages agree with a plain scan, read only their own rows
 * (counted entry by entry), and keep to their snapshot while frames arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataListingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BIG = "864475041000031";
    private static final String LIVE = "864475041000032";
    private static final String RACE = "864475041000033";
    private static final int FRAMES = 50_000;
    /** The first frame: half a minute into a minute, ten hours ago. */
    private static final long T0 = FrameCounts.bucketOf(System.currentTimeMillis() - Duration.ofHours(10).toMillis()) + 30_000;
    private static final long LAST = T0 + (FRAMES - 1) * 100L;

    @Autowired
    private QueriedStores queried;
    @Autowired
    private DeviceRegistry registry;
    private CountingStores stores;
    private DataListing listing;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry properties) throws Exception {
        TestKafka.register(properties);
    }

    @BeforeAll
    void fill() {
        provision(31, BIG);
        provision(32, LIVE);
        provision(33, RACE);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            times.add(T0 + i * 100L);
        }
        send(BIG, times);
        awaitCount(BIG, FRAMES);
    }

    @BeforeEach
    void listing() {
        stores = new CountingStores(queried);
        listing = new DataListing(stores);
    }

    @Test
    void theCountAndThePagesAgreeWithAPlainScanOfTheInterval() {
        for (Interval interval : List.of(new Interval(T0 + 12_345, T0 + 4_000_000), new Interval(T0 - 1, LAST + 1),
                new Interval(T0 + 60_001, T0 + 60_001), new Interval(T0 + 100, T0 + 59_999), new Interval(T0 + 30_000, T0 + 90_000),
                new Interval(LAST + 1, LAST + 100_000), new Interval(0, T0 + 150), new Interval(T0 + 151, T0 + 150))) {
            List<Long> scanned = times(scan(BIG, interval));

            DataSnapshot snapshot = listing.snapshot(BIG, interval);

            assertThat(snapshot.count()).as("count of %s", interval).isEqualTo(scanned.size());
            assertThat(allPages(listing, snapshot, 997)).as("pages of %s", interval).isEqualTo(scanned);
        }
    }

    @Test
    void theSnapshotReadsTheMinuteCountsAndTheEdgeMinutesOnly() {
        DataSnapshot snapshot = listing.snapshot(BIG, new Interval(T0 + 50, LAST - 50));

        assertThat(snapshot.count()).isEqualTo(FRAMES - 2);
        long minutes = (FrameCounts.bucketOf(LAST - 50) - FrameCounts.bucketOf(T0 + 50)) / FrameCounts.BUCKET_MS + 1;
        assertThat(snapshot.minutes()).isEqualTo((int) minutes);
        assertThat(stores.entriesRead(FrameCounts.STORE)).as("one entry a minute").isEqualTo(minutes);
        // The frames are stored by the second: the 1,200 frames of the first and last minutes are 120 entries.
        assertThat(stores.entriesRead(FrameHistory.STORE)).as("the frames of the first and last minutes").isLessThanOrEqualTo(120);
    }

    @Test
    void pageNReadsOnlyItsOwnRowsAndItsMinutesNeighbours() {
        DataSnapshot snapshot = listing.snapshot(BIG, new Interval(T0, LAST));
        int limit = 1000;
        for (int page : new int[] {1, 2, 25, 49, 50}) {
            stores.reset();
            List<EnrichedFrame> rows = listing.rows(snapshot, (page - 1L) * limit, limit);

            assertThat(rows).hasSize(limit);
            assertThat(rows.get(0).getTimestamp()).isEqualTo(T0 + (page - 1L) * limit * 100);
            // Besides its own rows, at most the rows before it in its first minute and after it in its last: 600 each at 10 Hz,
            // ten to an entry of the store (a second of frames), and the seconds at both ends.
            assertThat(stores.entriesRead(FrameHistory.STORE)).as("seconds of frames read for page %d", page)
                    .isBetween(limit / 10L, (limit + 2 * 600L) / 10 + 2);
            assertThat(stores.entriesRead(FrameCounts.STORE)).as("a page reads no count").isZero();
            // The 50,000 frames arrived moments ago, so they are all remembered as arrivals: a page reads those of its minutes.
            assertThat(stores.entriesRead(FrameCounts.ARRIVALS_STORE)).as("arrivals read for page %d", page)
                    .isBetween(1L, limit + 2 * 600L);
        }
    }

    @Test
    void aListingKeepsToItsSnapshotWhileFramesArriveInItsInterval() {
        long start = FrameCounts.bucketOf(T0);
        List<Long> first = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            first.add(start + i * 100L);
        }
        send(LIVE, first);
        awaitCount(LIVE, 3000);
        Interval interval = new Interval(start + 150, start + 3_600_000);
        List<Long> before = times(scan(LIVE, interval));
        DataSnapshot snapshot = listing.snapshot(LIVE, interval);
        int limit = 250;
        List<Long> listed = new ArrayList<>(times(listing.rows(snapshot, 0, limit)));

        // Late frames between stored ones (in the page read, the next, the middle and the last), live frames after the
        // last, a frame in a minute that had none, and a correction of a listed frame.
        List<Long> arriving = new ArrayList<>(List.of(start + 250, start + 26_050, start + 150_050, start + 299_850,
                start + 299_950, start + 1_800_000));
        for (int i = 0; i < 50; i++) {
            arriving.add(start + 300_000 + i * 100L);
        }
        send(LIVE, arriving);
        sendCorrection(LIVE, start + 100_000, 77);
        awaitCount(LIVE, 3000 + arriving.size());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> heartRate(LIVE, start + 100_000) == 77);

        for (long offset = limit; offset < snapshot.count(); offset += limit) {
            List<EnrichedFrame> page = listing.rows(snapshot, offset, limit);
            assertThat(page).hasSize((int) Math.min(limit, snapshot.count() - offset));
            listed.addAll(times(page));
            page.stream().filter(frame -> frame.getTimestamp() == start + 100_000)
                    .forEach(frame -> assertThat(frame.getHeartRate()).as("a corrected row shows its correction").isEqualTo(77));
        }

        assertThat(snapshot.count()).isEqualTo(before.size());
        assertThat(listed).as("exactly the snapshot's rows, once each, in order").isEqualTo(before);
        assertThat(listing.snapshot(LIVE, interval).count()).as("a new snapshot counts the arrivals")
                .isEqualTo(before.size() + arriving.size());
    }

    @Test
    void aFrameStoredButNotYetCountedIsLeftOutOfTheSnapshotAndItsPages() {
        long start = FrameCounts.bucketOf(T0);
        long between = raceFrames();
        // The snapshot reads the counts as they were while the pipeline's thread was between storing the last frame
        // (and its arrival) and counting it.
        DataListing racing = new DataListing(new OneCountBehind(queried, DeviceTimeKey.of(RACE, start)));

        DataSnapshot snapshot = racing.snapshot(RACE, new Interval(start + 500, start + 50_000));

        assertThat(snapshot.count()).isEqualTo(19);
        assertThat(allPages(racing, snapshot, 4)).hasSize(19).doesNotContain(between);
    }

    @Test
    void aFrameThatGoesUnrecognisedAsLaterStillNeverShiftsThePages() {
        long between = raceFrames();
        long start = FrameCounts.bucketOf(T0);
        // The first minute counted one frame short, and no arrival to tell which one is extra: the pages take as many
        // rows from each minute as the snapshot counted, so a page that crosses into the next minute skips nothing there.
        DataListing blind = new DataListing(new WithoutArrivals(new OneCountBehind(queried, DeviceTimeKey.of(RACE, start))));
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            expected.add(start + i * 1000L);
        }
        expected.add(6, between);
        for (int i = 0; i < 10; i++) {
            expected.add(start + FrameCounts.BUCKET_MS + i * 1000L);
        }

        DataSnapshot snapshot = blind.snapshot(RACE, new Interval(start, start + 2 * FrameCounts.BUCKET_MS - 1));

        assertThat(snapshot.count()).isEqualTo(30);
        for (int limit : new int[] {1, 3, 7, 20, 30}) {
            assertThat(allPages(blind, snapshot, limit)).as("limit %d", limit).isEqualTo(expected);
        }
    }

    @Test
    void theArrivalsASnapshotNeedsAreKeptLongEnough() {
        // A snapshot needs the arrivals since it was taken, for its lifetime; the rest is room for a paused pipeline thread.
        assertThat(PreprocessedData.SNAPSHOT_TTL.multipliedBy(4)).isLessThanOrEqualTo(FrameCounts.ARRIVALS_KEPT);
    }

    // ---- helpers

    /**
     * The race device's frames (sending them again changes nothing): one a second for 20 seconds from the start of a
     * minute, ten more in the next minute, then one between the first ones, its minute's last arrival. Returns the time
     * of that one.
     */
    private long raceFrames() {
        long start = FrameCounts.bucketOf(T0);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            times.add(start + i * 1000L);
        }
        for (int i = 0; i < 10; i++) {
            times.add(start + FrameCounts.BUCKET_MS + i * 1000L);
        }
        long between = start + 5_500;
        times.add(between);
        send(RACE, times);
        awaitCount(RACE, 31);
        return between;
    }

    private void provision(long id, String name) {
        TestKafka.send(Topics.DEVICES_PROVISIONING, utf8(Long.toString(id)),
                utf8("{\"id\": " + id + ", \"device_name\": \"" + name + "\", \"serial_number\": \"sn-" + id + "\"}"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> registry.byId(id).isPresent());
    }

    /** Publishes frames of {@code device} at {@code times}, in JSON arrays of 1,000. */
    private static void send(String device, List<Long> times) {
        for (int from = 0; from < times.size(); from += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (long time : times.subList(from, Math.min(times.size(), from + 1000))) {
                batch.add(frame(device, time, 121));
            }
            TestKafka.send(Topics.FRAMES_JSON, utf8(device), JSON.writeValueAsBytes(batch));
        }
    }

    private static void sendCorrection(String device, long time, int heartRate) {
        TestKafka.send(Topics.FRAMES_JSON, utf8(device), JSON.writeValueAsBytes(frame(device, time, heartRate)));
    }

    private static Map<String, Object> frame(String device, long time, int heartRate) {
        return Map.of("device_name", device, "timestamp", time, "gnss.latitude", 48.8412, "gnss.longitude", 2.253,
                "gnss.speed", 1.83, "ecg.hr", heartRate);
    }

    private void awaitCount(String device, long count) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> queried.read(FrameCounts.STORE,
                (ReadOnlyKeyValueStore<Bytes, byte[]> counts) -> FrameCounts.buckets(counts, device, 0, Long.MAX_VALUE)).stream()
                .mapToLong(FrameBucket::count).sum() == count);
    }

    private int heartRate(String device, long time) {
        EnrichedFrame frame = queried.read(FrameHistory.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> frames) ->
                FrameHistory.at(frames, device, time));
        return frame == null || frame.getHeartRate() == null ? -1 : frame.getHeartRate();
    }

    private List<EnrichedFrame> scan(String device, Interval interval) {
        return queried.read(FrameHistory.STORE, (ReadOnlyKeyValueStore<Bytes, byte[]> frames) ->
                FrameHistory.between(frames, device, interval.start(), interval.stop(), Integer.MAX_VALUE));
    }

    private static List<Long> allPages(DataListing listing, DataSnapshot snapshot, int limit) {
        List<Long> listed = new ArrayList<>();
        for (long offset = 0; offset < snapshot.count(); offset += limit) {
            List<EnrichedFrame> page = listing.rows(snapshot, offset, limit);
            assertThat(page).hasSize((int) Math.min(limit, snapshot.count() - offset));
            listed.addAll(times(page));
        }
        return listed;
    }

    private static List<Long> times(List<EnrichedFrame> frames) {
        return frames.stream().map(EnrichedFrame::getTimestamp).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The stores, with one minute of the counts one frame behind: as read just before its latest frame was counted. */
    private static final class OneCountBehind implements StoreAccess {

        private final StoreAccess stores;
        private final Bytes minute;

        OneCountBehind(StoreAccess stores, Bytes minute) {
            this.stores = stores;
            this.minute = minute;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V, R> R read(String name, Function<ReadOnlyKeyValueStore<K, V>, R> read) {
            if (!FrameCounts.STORE.equals(name)) {
                return stores.read(name, read);
            }
            return stores.read(name, (ReadOnlyKeyValueStore<Bytes, byte[]> counts) ->
                    read.apply((ReadOnlyKeyValueStore<K, V>) (ReadOnlyKeyValueStore<?, ?>) new Behind(counts)));
        }

        private final class Behind implements ReadOnlyKeyValueStore<Bytes, byte[]> {

            private final ReadOnlyKeyValueStore<Bytes, byte[]> counts;

            Behind(ReadOnlyKeyValueStore<Bytes, byte[]> counts) {
                this.counts = counts;
            }

            @Override
            public byte[] get(Bytes key) {
                return behind(key, counts.get(key));
            }

            @Override
            public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
                List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
                try (KeyValueIterator<Bytes, byte[]> range = counts.range(from, to)) {
                    range.forEachRemaining(entry -> entries.add(KeyValue.pair(entry.key, behind(entry.key, entry.value))));
                }
                return new ListIterator(entries);
            }

            @Override
            public KeyValueIterator<Bytes, byte[]> all() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long approximateNumEntries() {
                return counts.approximateNumEntries();
            }

            private byte[] behind(Bytes key, byte[] value) {
                if (value == null || !key.equals(minute)) {
                    return value;
                }
                ByteBuffer counted = ByteBuffer.wrap(value);
                return ByteBuffer.allocate(8).putInt(counted.getInt() - 1).putInt(counted.getInt() - 1).array();
            }
        }
    }

    /** The stores, with no arrival remembered. */
    private static final class WithoutArrivals implements StoreAccess {

        private final StoreAccess stores;

        WithoutArrivals(StoreAccess stores) {
            this.stores = stores;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <K, V, R> R read(String name, Function<ReadOnlyKeyValueStore<K, V>, R> read) {
            if (!FrameCounts.ARRIVALS_STORE.equals(name)) {
                return stores.read(name, read);
            }
            return stores.read(name, (ReadOnlyKeyValueStore<Bytes, byte[]> arrivals) ->
                    read.apply((ReadOnlyKeyValueStore<K, V>) (ReadOnlyKeyValueStore<?, ?>) new Empty(arrivals)));
        }

        private static final class Empty implements ReadOnlyKeyValueStore<Bytes, byte[]> {

            private final ReadOnlyKeyValueStore<Bytes, byte[]> store;

            Empty(ReadOnlyKeyValueStore<Bytes, byte[]> store) {
                this.store = store;
            }

            @Override
            public byte[] get(Bytes key) {
                return null;
            }

            @Override
            public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
                return new ListIterator(List.of());
            }

            @Override
            public KeyValueIterator<Bytes, byte[]> all() {
                return new ListIterator(List.of());
            }

            @Override
            public long approximateNumEntries() {
                return store.approximateNumEntries();
            }
        }
    }

    /** A list as a store iterator. */
    private static final class ListIterator implements KeyValueIterator<Bytes, byte[]> {

        private final List<KeyValue<Bytes, byte[]>> entries;
        private int next;

        ListIterator(List<KeyValue<Bytes, byte[]>> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            return next < entries.size();
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            return entries.get(next++);
        }

        @Override
        public Bytes peekNextKey() {
            return entries.get(next).key;
        }

        @Override
        public void close() {
        }
    }
}
