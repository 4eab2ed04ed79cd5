package dev.momo.examples;

import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Keeps the open alerts of momo.alerts by upserting each record under its alert id. docs/alerts.md
 * shows this file; run it with the momo-schemas jar, kafka-clients and avro on the class path.
 */
public final class OpenAlerts {

    private final SpecificDatumReader<DriftAlert> reader = new SpecificDatumReader<>(DriftAlert.class);
    private final Map<String, DriftAlert> open = new LinkedHashMap<>();

    /** Applies one record value: magic byte 0, a 4-byte schema id, then the alert in Avro binary. */
    public void apply(final byte[] value) throws IOException {
        if (value == null || value.length < 5 || value[0] != 0) {
            return;
        }
        final DriftAlert alert = reader.read(null,
                DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
        if (alert.getState() == AlertState.RESOLVED) {
            open.remove(alert.getAlertId());
        } else {
            open.put(alert.getAlertId(), alert);
        }
    }

    public Map<String, DriftAlert> open() {
        return open;
    }

    public static void main(final String[] args) throws IOException {
        // Avro 1.12 loads generated classes by name only from trusted packages.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "dev.momo.schema");
        final Properties props = new Properties();
        props.put("bootstrap.servers", args.length > 0 ? args[0] : "127.0.0.1:9092");
        props.put("group.id", "open-alerts-example");
        props.put("isolation.level", "read_committed");
        // No committed offsets: every start reads the topic from the beginning and rebuilds the state.
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        final OpenAlerts alerts = new OpenAlerts();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("momo.alerts"));
            while (true) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    alerts.apply(record.value());
                    System.out.println(alerts.open().size() + " open | " + record.key() + " | "
                            + alerts.open().values().stream().map(DriftAlert::getSummary).toList());
                }
            }
        }
    }
}
