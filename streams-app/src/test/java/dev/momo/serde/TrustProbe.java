package dev.momo.serde;

import dev.momo.schema.DriftAlert;
import java.io.ByteArrayOutputStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Program that {@link AvroClassTrustTest} runs in a fresh JVM, where no earlier test has loaded the
 * serdes or changed Avro's class validation. It prints one line with the outcome and exits with 0
 * when the mode succeeded.
 *
 * <p>Modes: {@code plain-avro} reads a DriftAlert with plain Avro classes, {@code serde} writes and
 * reads one with {@link AvroSerde}, and {@code probe-trusted} loads the serde and prints whether
 * Avro trusts this probe class (which a user can allow with org.apache.avro.SERIALIZABLE_PACKAGES).
 */
public final class TrustProbe {

    private TrustProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        try {
            switch (mode) {
                case "plain-avro" -> readWithPlainAvro();
                case "serde" -> roundTripWithSerde();
                case "probe-trusted" -> {
                    new AvroSerde<>(DriftAlert.class, new InMemorySchemaRegistry());
                    System.out.println("probe trusted: " + ClassSecurityValidator.getGlobal().isTrusted(TrustProbe.class));
                }
                default -> throw new IllegalArgumentException("Unknown mode " + mode);
            }
            System.out.println("ok");
        } catch (SecurityException e) {
            System.out.println("SecurityException: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void readWithPlainAvro() throws Exception {
        DriftAlert alert = SampleRecords.driftAlert();
        SpecificData model = SpecificData.getForClass(DriftAlert.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<DriftAlert>(DriftAlert.getClassSchema(), model).write(alert, encoder);
        encoder.flush();

        SpecificDatumReader<DriftAlert> reader =
                new SpecificDatumReader<>(DriftAlert.getClassSchema(), DriftAlert.getClassSchema(), model);
        reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static void roundTripWithSerde() {
        AvroSerde<DriftAlert> serde = new AvroSerde<>(DriftAlert.class, new InMemorySchemaRegistry());
        byte[] bytes = serde.serializer().serialize("alerts", SampleRecords.driftAlert());
        DriftAlert decoded = serde.deserializer().deserialize("alerts", bytes);
        if (!decoded.equals(SampleRecords.driftAlert())) {
            throw new IllegalStateException("Round trip changed the alert: " + decoded);
        }
    }
}
