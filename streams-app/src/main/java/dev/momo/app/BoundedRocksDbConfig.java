package dev.momo.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds RocksDB's off-heap memory for all stores of the JVM: one shared LRU block cache and one write
 * buffer manager charged to it, the pattern documented for Kafka Streams. The shared objects live as
 * long as the JVM and are therefore not closed in {@link #close}.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    /**
     * Total off-heap bytes for block cache and memtables of all stores: 256 MiB. With 64 MiB and one
     * stream thread over 4 partitions (16 stores), memtables were flushed so often that RocksDB
     * stalled writes for 25 to 50 s at a time in the throughput benchmark.
     */
    public static final long TOTAL_OFF_HEAP_BYTES = 256L * 1024 * 1024;
    /** Share of the total that memtables may use. */
    private static final double WRITE_BUFFER_RATIO = 0.5;

    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFER_MANAGER =
            new WriteBufferManager((long) (TOTAL_OFF_HEAP_BYTES * WRITE_BUFFER_RATIO), CACHE);

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFER_MANAGER);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // The cache and write buffer manager are shared by every store: closing them here would break the others.
    }
}
