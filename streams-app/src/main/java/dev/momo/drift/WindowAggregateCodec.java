package dev.momo.drift;

import dev.momo.profile.ColumnKind;
import dev.momo.statistics.WeightedSample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Versioned binary encoding of {@link WindowAggregate}, used for partial windows in state stores and on
 * the internal partials topic. Layout of version 2 (big-endian, {@link DataOutputStream}): version byte,
 * event count, min and max event time, feature count, then per feature its name, kind, the missing,
 * absent, type-mismatch and non-finite counts, the sample (points, an exactness flag, the CDF error
 * bound, values, and weights unless exact), the bin counts (count, then each) and the categories
 * (count, then name and count each); last the new features (count, then name and events each).
 *
 * <p>Version 1, written before the data-quality checks, had one "invalid" count in place of the
 * type-mismatch and non-finite counts, and neither absent counts, bins nor new features. It still
 * decodes, with its invalid values counted as type mismatches, so that partial windows stored by the
 * previous release survive an upgrade.
 */
public final class WindowAggregateCodec {

    private static final byte VERSION = 2;
    private static final byte VERSION_1 = 1;

    private WindowAggregateCodec() {
    }

    public static byte[] encode(final WindowAggregate aggregate) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(aggregate.eventCount());
            out.writeLong(aggregate.minEventTime());
            out.writeLong(aggregate.maxEventTime());
            out.writeInt(aggregate.features().size());
            for (final Map.Entry<String, FeatureWindow> entry : aggregate.features().entrySet()) {
                out.writeUTF(entry.getKey());
                writeFeature(out, entry.getValue());
            }
            out.writeInt(aggregate.newFeatures().size());
            for (final Map.Entry<String, Long> entry : aggregate.newFeatures().entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeFeature(final DataOutputStream out, final FeatureWindow window) throws IOException {
        out.writeByte(window.kind().ordinal());
        out.writeLong(window.missing());
        out.writeLong(window.absent());
        out.writeLong(window.typeMismatches());
        out.writeLong(window.nonFinite());
        final WeightedSample sample = window.sample();
        final double[] values = sample.values();
        out.writeInt(values.length);
        out.writeBoolean(sample.isExact());
        out.writeDouble(sample.cdfErrorBound());
        for (final double value : values) {
            out.writeDouble(value);
        }
        if (!sample.isExact()) {
            for (final double weight : sample.weights()) {
                out.writeDouble(weight);
            }
        }
        out.writeInt(window.binCounts().length);
        for (final double count : window.binCounts()) {
            out.writeDouble(count);
        }
        out.writeInt(window.categoryCounts().size());
        for (final Map.Entry<String, Double> category : window.categoryCounts().entrySet()) {
            out.writeUTF(category.getKey());
            out.writeDouble(category.getValue());
        }
    }

    /** Decodes bytes written by {@link #encode}; throws {@link IllegalArgumentException} on another layout. */
    public static WindowAggregate decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final byte version = in.readByte();
            if (version != VERSION && version != VERSION_1) {
                throw new IllegalArgumentException("window aggregate encoding version " + version
                        + " is not supported; expected " + VERSION_1 + " or " + VERSION);
            }
            final long eventCount = in.readLong();
            final long minEventTime = in.readLong();
            final long maxEventTime = in.readLong();
            final int featureCount = in.readInt();
            final Map<String, FeatureWindow> features = new HashMap<>();
            for (int i = 0; i < featureCount; i++) {
                features.put(in.readUTF(), readFeature(in, version));
            }
            final Map<String, Long> newFeatures = new TreeMap<>();
            final int newFeatureCount = version == VERSION_1 ? 0 : in.readInt();
            for (int i = 0; i < newFeatureCount; i++) {
                newFeatures.put(in.readUTF(), in.readLong());
            }
            return new WindowAggregate(eventCount, minEventTime, maxEventTime, features, newFeatures);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated window aggregate of " + encoded.length + " bytes", e);
        }
    }

    private static FeatureWindow readFeature(final DataInputStream in, final byte version) throws IOException {
        final ColumnKind kind = ColumnKind.values()[in.readByte()];
        final long missing = in.readLong();
        final long absent = version == VERSION_1 ? 0 : in.readLong();
        final long typeMismatches = in.readLong();
        final long nonFinite = version == VERSION_1 ? 0 : in.readLong();
        final int points = in.readInt();
        final boolean exact = in.readBoolean();
        final double cdfErrorBound = in.readDouble();
        final double[] values = new double[points];
        for (int i = 0; i < points; i++) {
            values[i] = in.readDouble();
        }
        final double[] weights = new double[points];
        for (int i = 0; i < points; i++) {
            weights[i] = exact ? 1.0 : in.readDouble();
        }
        final WeightedSample sample = points == 0 ? WeightedSample.empty() : WeightedSample.of(values, weights, cdfErrorBound);
        final double[] binCounts = new double[version == VERSION_1 ? 0 : in.readInt()];
        for (int i = 0; i < binCounts.length; i++) {
            binCounts[i] = in.readDouble();
        }
        final int categoryCount = in.readInt();
        final Map<String, Double> categories = new TreeMap<>();
        for (int i = 0; i < categoryCount; i++) {
            categories.put(in.readUTF(), in.readDouble());
        }
        return new FeatureWindow(kind, missing, absent, typeMismatches, nonFinite, sample, binCounts, categories);
    }
}
