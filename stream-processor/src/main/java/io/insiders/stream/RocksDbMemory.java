package io.insiders.stream;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the process together: one block cache for all of them, and the
 * memtables charged to that same cache through a shared write buffer manager. Without it each store (five stores
 * times the partitions a task holds, plus the global stores) takes its own 50 MB cache and up to 3 x 16 MB of
 * memtables, which grows with the partitions and has no bound.
 *
 * <p>Set as {@code rocksdb.config.setter}; the total is {@link #TOTAL_BYTES_CONFIG} (default
 * {@link #DEFAULT_TOTAL_BYTES}), of which {@link #MEMTABLE_SHARE} may be memtables. Index and filter blocks live
 * in the cache too, so the bound holds however many files the stores have.
 */
public final class RocksDbMemory implements RocksDBConfigSetter {

    /** The streams config key of the bound, in bytes. */
    public static final String TOTAL_BYTES_CONFIG = "insiders.rocksdb.total.bytes";
    public static final long DEFAULT_TOTAL_BYTES = 128L * 1024 * 1024;
    static final double MEMTABLE_SHARE = 0.5;
    /** Each store's memtable: small, since the stores are many and the writes of a commit are few after the caches. */
    static final long MEMTABLE_BYTES = 8L * 1024 * 1024;

    private static Shared shared;

    /** The cache and write buffer manager of the process; made at the first store, with the first store's bound. */
    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    private static synchronized Shared shared(Map<String, Object> configs) {
        if (shared == null) {
            Object configured = configs.get(TOTAL_BYTES_CONFIG);
            long total = configured == null ? DEFAULT_TOTAL_BYTES : Long.parseLong(configured.toString());
            // Strict capacity off: a full cache evicts, it does not fail reads.
            Cache cache = new LRUCache(total, -1, false, MEMTABLE_SHARE / 2);
            shared = new Shared(cache, new WriteBufferManager((long) (total * MEMTABLE_SHARE), cache));
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(2);
        // Each open starts a new info log; without a bound, every restart leaves one more file per store.
        options.setKeepLogFileNum(3);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are the process's: they outlive any one store.
    }
}
