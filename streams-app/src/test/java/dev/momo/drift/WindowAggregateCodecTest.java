package dev.momo.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.profile.ColumnKind;
import dev.momo.statistics.WeightedSample;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowAggregateCodecTest {

    @Test
    void encodeDecodeExactSample_roundTrips() {
        final FeatureWindow income = new FeatureWindow(ColumnKind.NUMERIC, 2, 3, 4, 5,
                WeightedSample.of(new double[] {3.5, -1.0, 2.0, 2.0}), new double[] {0, 1, 3, 0}, Map.of());
        final WindowAggregate window = new WindowAggregate(9, 1_000, 9_000, Map.of("income", income),
                Map.of("device", 3L));

        final WindowAggregate decoded = roundTrip(window);

        assertThat(decoded.eventCount()).isEqualTo(9);
        assertThat(decoded.minEventTime()).isEqualTo(1_000);
        assertThat(decoded.maxEventTime()).isEqualTo(9_000);
        final FeatureWindow decodedIncome = decoded.features().get("income");
        assertThat(decodedIncome.kind()).isEqualTo(ColumnKind.NUMERIC);
        assertThat(decodedIncome.missing()).isEqualTo(2);
        assertThat(decodedIncome.absent()).isEqualTo(3);
        assertThat(decodedIncome.typeMismatches()).isEqualTo(4);
        assertThat(decodedIncome.nonFinite()).isEqualTo(5);
        assertThat(decodedIncome.binCounts()).containsExactly(0, 1, 3, 0);
        assertThat(decoded.newFeatures()).containsExactlyEntriesOf(Map.of("device", 3L));
        assertThat(decodedIncome.sample().values()).containsExactly(-1.0, 2.0, 2.0, 3.5);
        assertThat(decodedIncome.sample().weights()).containsExactly(1.0, 1.0, 1.0, 1.0);
        assertThat(decodedIncome.sample().isExact()).isTrue();
    }

    @Test
    void encodeDecodeCompressedSample_keepsWeights() {
        final double[] values = new double[100];
        Arrays.setAll(values, i -> i * 0.5);
        final WeightedSample compressed = WeightedSample.of(values).compress(10);
        final WindowAggregate window = new WindowAggregate(100, 0, 1,
                Map.of("income", new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0, compressed, new double[0], Map.of())));

        final WeightedSample decoded = roundTrip(window).features().get("income").sample();

        assertThat(decoded.values()).containsExactly(compressed.values());
        assertThat(decoded.weights()).containsExactly(compressed.weights());
        assertThat(decoded.totalWeight()).isEqualTo(100.0);
        assertThat(decoded.isExact()).isFalse();
    }

    @Test
    void encodeDecodeCompressedSample_keepsErrorBound() {
        final double[] values = new double[100];
        Arrays.setAll(values, i -> i * 0.5);
        final WeightedSample compressed = WeightedSample.of(values).compress(10);
        final WindowAggregate window = new WindowAggregate(100, 0, 1,
                Map.of("income", new FeatureWindow(ColumnKind.NUMERIC, 0, 0, 0, 0, compressed, new double[0], Map.of())));

        final WeightedSample decoded = roundTrip(window).features().get("income").sample();

        assertThat(decoded.cdfErrorBound()).isEqualTo(compressed.cdfErrorBound());
    }

    @Test
    void encodeDecodeCategories_roundTrips() {
        final FeatureWindow plan = new FeatureWindow(ColumnKind.CATEGORICAL, 1, 0, 0, 0, WeightedSample.empty(),
                new double[0], Map.of("basic", 3.0, "pro", 1.0, "Zürich ✓", 2.0));
        final WindowAggregate window = new WindowAggregate(7, 5, 6, Map.of("plan", plan));

        final FeatureWindow decoded = roundTrip(window).features().get("plan");

        assertThat(decoded.kind()).isEqualTo(ColumnKind.CATEGORICAL);
        assertThat(decoded.missing()).isEqualTo(1);
        assertThat(decoded.categoryCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("basic", 3.0, "pro", 1.0, "Zürich ✓", 2.0));
        assertThat(decoded.sample().size()).isZero();
    }

    @Test
    void encodeDecodeEmptyWindow_roundTrips() {
        final WindowAggregate decoded = roundTrip(WindowAggregate.empty());

        assertThat(decoded.eventCount()).isZero();
        assertThat(decoded.minEventTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(decoded.maxEventTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(decoded.features()).isEmpty();
    }

    @Test
    void encodeDecodeBuiltWindow_evaluatesTheSame() {
        final WindowAggregateBuilder builder = new WindowAggregateBuilder(WindowAggregateBuilderTest.profile(), 100);
        for (int i = 0; i < 20; i++) {
            builder.add(Map.of("income", i * 0.7, "plan", i % 3 == 0 ? "basic" : "pro"), i);
        }
        final WindowAggregate window = builder.build();

        final WindowAggregate decoded = roundTrip(window);

        assertThat(DriftEvaluator.evaluate(WindowAggregateBuilderTest.profile(), decoded))
                .containsExactlyElementsOf(DriftEvaluator.evaluate(WindowAggregateBuilderTest.profile(), window));
    }

    @Test
    void decodeVersion1_readsInvalidAsTypeMismatches() throws IOException {
        // Layout of the previous release: version 1, no absent or non-finite counts, bins or new features.
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeLong(5);
            out.writeLong(10);
            out.writeLong(20);
            out.writeInt(1);
            out.writeUTF("income");
            out.writeByte(ColumnKind.NUMERIC.ordinal());
            out.writeLong(1);
            out.writeLong(2);
            out.writeInt(2);
            out.writeBoolean(true);
            out.writeDouble(0.0);
            out.writeDouble(1.5);
            out.writeDouble(2.5);
            out.writeInt(0);
        }

        final WindowAggregate decoded = WindowAggregateCodec.decode(bytes.toByteArray());

        final FeatureWindow income = decoded.features().get("income");
        assertThat(decoded.eventCount()).isEqualTo(5);
        assertThat(income.missing()).isEqualTo(1);
        assertThat(income.typeMismatches()).isEqualTo(2);
        assertThat(income.nonFinite()).isZero();
        assertThat(income.binCounts()).isEmpty();
        assertThat(income.sample().values()).containsExactly(1.5, 2.5);
        assertThat(decoded.newFeatures()).isEmpty();
    }

    @Test
    void decodeOtherVersion_rejectsWithVersion() {
        final byte[] encoded = WindowAggregateCodec.encode(WindowAggregate.empty());
        encoded[0] = 9;

        assertThatThrownBy(() -> WindowAggregateCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void decodeTruncated_rejectsWithLength() {
        final byte[] encoded = WindowAggregateCodec.encode(new WindowAggregate(1, 0, 0, Map.of("plan",
                new FeatureWindow(ColumnKind.CATEGORICAL, 0, 0, 0, 0, WeightedSample.empty(), new double[0],
                        Map.of("basic", 1.0)))));
        final byte[] truncated = Arrays.copyOf(encoded, encoded.length - 4);

        assertThatThrownBy(() -> WindowAggregateCodec.decode(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining(truncated.length + " bytes");
    }

    private static WindowAggregate roundTrip(final WindowAggregate window) {
        return WindowAggregateCodec.decode(WindowAggregateCodec.encode(window));
    }
}
