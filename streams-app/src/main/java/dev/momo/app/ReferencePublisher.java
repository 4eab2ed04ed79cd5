package dev.momo.app;

import dev.momo.profile.ProfileJson;
import dev.momo.profile.ReferenceProfile;
import dev.momo.topology.ReferenceKeys;
import dev.momo.topology.Topics;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes reference profiles to the references topic, where the topology's global store reads them. */
public final class ReferencePublisher {

    private ReferencePublisher() {
    }

    /** Builds the record of a profile: key {@code modelId/modelVersion}, value the profile JSON. */
    public static ProducerRecord<String, byte[]> record(final Topics topics, final ReferenceProfile profile) {
        return new ProducerRecord<>(topics.references(), ReferenceKeys.of(profile.modelId(), profile.modelVersion()),
                ProfileJson.toBytes(profile));
    }

    /** Publishes one profile and waits until the broker has it. */
    public static void publish(final String bootstrapServers, final Topics topics, final ReferenceProfile profile) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record(topics, profile));
            producer.flush();
        }
    }
}
