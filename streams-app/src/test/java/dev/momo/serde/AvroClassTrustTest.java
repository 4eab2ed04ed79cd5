package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.DriftAlert;
import dev.momo.schema.InferenceEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Avro 1.12.2 rejects reading classes of untrusted packages. The tests in a fresh JVM show that the
 * serde works without any setting, and the in-process tests check the predicate that it installs.
 */
class AvroClassTrustTest {

    private ClassSecurityPredicate savedGlobal;

    @BeforeEach
    void saveGlobal() {
        savedGlobal = ClassSecurityValidator.getGlobal();
    }

    @AfterEach
    void restoreGlobal() {
        ClassSecurityValidator.setGlobal(savedGlobal);
    }

    @Test
    void freshJvmPlainAvroReadThrows() throws Exception {
        ProbeResult result = runProbe("plain-avro");

        assertThat(result.output()).contains("SecurityException: Forbidden dev.momo.schema.");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void freshJvmSerdeNeedsNoSetting() throws Exception {
        ProbeResult result = runProbe("serde");

        assertThat(result.output()).isEqualTo("ok");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void freshJvmSerdeKeepsUserPackages() throws Exception {
        ProbeResult withProperty = runProbe("probe-trusted", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.momo.serde");
        ProbeResult withoutProperty = runProbe("probe-trusted");

        assertThat(withProperty.output()).contains("probe trusted: true");
        assertThat(withoutProperty.output()).contains("probe trusted: false");
    }

    @Test
    void stockValidatorRejectsRead() throws IOException {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);

        // The first class Avro loads may be a nested record's, and its refusal may come wrapped.
        assertThatThrownBy(() -> readWithFreshModel(SampleRecords.driftAlert()))
                .hasStackTraceContaining("SecurityException: Forbidden dev.momo.schema.");
    }

    @Test
    void trustSchemaPackageAllowsRead() throws IOException {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);

        AvroClassTrust.trustSchemaPackage();

        assertThat(readWithFreshModel(SampleRecords.driftAlert())).isEqualTo(SampleRecords.driftAlert());
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(AlertSeverity.class)).isTrue();
    }

    @Test
    void trustSchemaPackageKeepsPreviousPredicate() {
        List<String> forbidden = new ArrayList<>();
        ClassSecurityValidator.setGlobal(new ClassSecurityPredicate() {
            @Override
            public boolean isTrusted(Class<?> type) {
                return type == AvroClassTrustTest.class;
            }

            @Override
            public void forbiddenClass(String className) {
                forbidden.add(className);
            }
        });

        AvroClassTrust.trustSchemaPackage();
        ClassSecurityValidator.validate(String.class);

        assertThat(ClassSecurityValidator.getGlobal().isTrusted(InferenceEvent.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(AvroClassTrustTest.class)).isTrue();
        assertThat(forbidden).containsExactly("java.lang.String");
    }

    @Test
    void trustSchemaPackageTwiceIsNoOp() {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);

        AvroClassTrust.trustSchemaPackage();
        ClassSecurityPredicate afterFirst = ClassSecurityValidator.getGlobal();
        AvroClassTrust.trustSchemaPackage();

        assertThat(ClassSecurityValidator.getGlobal()).isSameAs(afterFirst);
    }

    @Test
    void trustSchemaPackageLeavesOthersUntrusted() {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);

        AvroClassTrust.trustSchemaPackage();

        assertThat(ClassSecurityValidator.getGlobal().isTrusted(AvroClassTrustTest.class)).isFalse();
    }

    /**
     * Writes and reads the alert with a new SpecificData, whose class cache is empty, so that
     * reading looks up the class again and runs Avro's validation.
     */
    private static DriftAlert readWithFreshModel(DriftAlert alert) throws IOException {
        SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<DriftAlert>(DriftAlert.getClassSchema(), model).write(alert, encoder);
        encoder.flush();

        SpecificDatumReader<DriftAlert> reader =
                new SpecificDatumReader<>(DriftAlert.getClassSchema(), DriftAlert.getClassSchema(), model);
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static ProbeResult runProbe(String mode, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TrustProbe.class.getName());
        command.add(mode);

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("probe JVM exited within 60 s").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ProbeResult(process.exitValue(), output.strip());
    }

    private record ProbeResult(int exitCode, String output) {
    }
}
