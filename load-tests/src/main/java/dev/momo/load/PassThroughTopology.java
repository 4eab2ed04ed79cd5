package dev.momo.load;

import dev.momo.app.MomoApplication;
import dev.momo.app.StreamsSettings;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The baseline of the benchmark: a topology that copies every input record, as bytes, to an output
 * topic, with the engine settings that Momo uses.
 */
final class PassThroughTopology {

    private PassThroughTopology() {
    }

    static Topology build(final String input, final String output) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-sink"));
        return builder.build();
    }

    /**
     * Returns Momo's Kafka Streams properties for {@code settings} without the RocksDB config setter,
     * which matters only to topologies with stores.
     */
    static Properties properties(final StreamsSettings settings) {
        final Properties props = MomoApplication.properties(settings);
        props.remove(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
        props.putAll(settings.overrides());
        return props;
    }
}
