package dev.momo.load;

import dev.momo.app.StreamsSettings;
import dev.momo.topology.Topics;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
     * Returns the Kafka Streams properties of {@code MomoApplication} for {@code settings}, without the RocksDB
     * config setter, which matters only to topologies with stores.
     *
     * <p>NOTE: this copies {@code MomoApplication.properties}, which is package-private; a change there
     * must be repeated here, or the baseline no longer runs with Momo's settings.
     */
    static Properties properties(final StreamsSettings settings) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.topicPrefix("max.message.bytes"), Topics.MAX_RECORD_BYTES);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), Topics.MAX_RECORD_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                Topics.MAX_RECORD_BYTES);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.putAll(settings.overrides());
        return props;
    }
}
