package io.insiders.api.preprocessed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.insiders.stream.frames.FrameBucket;
import org.junit.jupiter.api.Test;

/** The snapshots' cache: 120 seconds from when a snapshot was taken, within a memory budget. */
class SnapshotCacheTest {

    private static final SnapshotKey KEY = new SnapshotKey(12, 1000, 2000, null);

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicInteger taken = new AtomicInteger();

    @Test
    void aSnapshotIsSharedForItsLifetimeAndNotRenewedByReads() {
        SnapshotCache<DataSnapshot> cache = new SnapshotCache<>(Duration.ofSeconds(120), 1 << 20, clock::get);
        DataSnapshot first = cache.get(KEY, this::take);

        clock.addAndGet(119_999);
        assertThat(cache.get(KEY, this::take)).isSameAs(first);
        clock.addAndGet(1);
        DataSnapshot second = cache.get(KEY, this::take);

        assertThat(second).isNotSameAs(first);
        assertThat(taken).hasValue(2);
    }

    @Test
    void eachDeviceIntervalAndManagerHasItsOwn() {
        SnapshotCache<DataSnapshot> cache = new SnapshotCache<>(Duration.ofSeconds(120), 1 << 20, clock::get);
        List<DataSnapshot> snapshots = new ArrayList<>();
        for (SnapshotKey key : List.of(KEY, new SnapshotKey(13, 1000, 2000, null), new SnapshotKey(12, 1001, 2000, null),
                new SnapshotKey(12, 1000, 2001, null), new SnapshotKey(12, 1000, 2000, 7L))) {
            snapshots.add(cache.get(key, this::take));
        }
        assertThat(snapshots).doesNotHaveDuplicates();
        assertThat(cache.size()).isEqualTo(5);
    }

    @Test
    void overItsBudgetTheOldestSnapshotsGoFirst() {
        DataSnapshot probe = take();
        SnapshotCache<DataSnapshot> cache = new SnapshotCache<>(Duration.ofSeconds(120), probe.weight() * 3, clock::get);
        for (int i = 0; i < 5; i++) {
            cache.get(new SnapshotKey(i, 0, 1, null), this::take);
            clock.incrementAndGet();
        }
        assertThat(cache.size()).isEqualTo(3);
        int before = taken.get();
        cache.get(new SnapshotKey(4, 0, 1, null), this::take);
        assertThat(taken).as("the newest is kept").hasValue(before);
        cache.get(new SnapshotKey(0, 0, 1, null), this::take);
        assertThat(taken).as("the oldest was evicted").hasValue(before + 1);
    }

    private DataSnapshot take() {
        taken.incrementAndGet();
        return new DataSnapshot("d", new Interval(1000, 2000), List.of(new FrameBucket(0, 1, 1)));
    }
}
