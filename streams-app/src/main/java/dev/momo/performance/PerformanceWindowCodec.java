package dev.momo.performance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned binary encoding of {@link ClassificationWindow} and {@link RegressionWindow}, for partial
 * windows in state stores and on internal topics. Big-endian ({@link DataOutputStream}); the first byte
 * names the format, so that one kind of window is never read as the other.
 *
 * <p>Format {@code 0x21}, classification window version 1: format byte; class count (int), each class
 * name (modified UTF-8), positive class index (int, -1 for multiclass); probabilities flag (boolean); row
 * cap (int); rows added and labeled rows (long each); the confusion matrix, k² longs row by row; the
 * log-loss sum and its compensation (double each); sampled flag (boolean); rows held (int), then per row
 * its sample key (long), true class index (short, -1 unlabeled), predicted class index (short) and its
 * probabilities (w doubles, see {@link ClassificationWindow}).
 *
 * <p>Format {@code 0x31}, regression window version 1: format byte; count (long); the sums of absolute,
 * squared and percentage errors, each as sum and compensation (double each); mean and M2 of the true
 * values (double each).
 *
 * <p>Decoding throws {@link IllegalArgumentException} on an unknown format byte, on the other kind of
 * window and on truncated or inconsistent bytes.
 */
public final class PerformanceWindowCodec {

    /** Format byte of classification windows, version 1. */
    public static final byte CLASSIFICATION_V1 = 0x21;
    /** Format byte of regression windows, version 1. */
    public static final byte REGRESSION_V1 = 0x31;

    private PerformanceWindowCodec() {
    }

    public static byte[] encode(final ClassificationWindow window) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(CLASSIFICATION_V1);
            final ClassLabels classes = window.classes();
            out.writeInt(classes.size());
            for (final String name : classes.names()) {
                out.writeUTF(name);
            }
            out.writeInt(classes.positiveIndex());
            out.writeBoolean(window.withProbabilities());
            out.writeInt(window.maxRows());
            out.writeLong(window.rowCount());
            out.writeLong(window.labeledCount());
            for (final long count : window.confusionCounts()) {
                out.writeLong(count);
            }
            out.writeDouble(window.logLoss().rawSum());
            out.writeDouble(window.logLoss().compensation());
            writeRows(out, window.rows());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeRows(final DataOutputStream out, final ScoredRows rows) throws IOException {
        final int size = rows.size();
        out.writeBoolean(rows.sampled());
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(rows.key(i));
            out.writeShort(rows.label(i));
            out.writeShort(rows.prediction(i));
            for (int column = 0; column < rows.width(); column++) {
                out.writeDouble(rows.probability(i, column));
            }
        }
    }

    public static byte[] encode(final RegressionWindow window) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(REGRESSION_V1);
            out.writeLong(window.count());
            for (final CompensatedSum sum : List.of(window.absoluteErrors(), window.squaredErrors(),
                    window.percentageErrors())) {
                out.writeDouble(sum.rawSum());
                out.writeDouble(sum.compensation());
            }
            out.writeDouble(window.trueMean());
            out.writeDouble(window.trueSumOfSquares());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes bytes written by {@link #encode(ClassificationWindow)}. */
    public static ClassificationWindow decodeClassification(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            checkFormat(encoded, in.readByte(), CLASSIFICATION_V1, "classification");
            final ClassLabels classes = readClasses(in);
            final boolean withProbabilities = in.readBoolean();
            final int cap = in.readInt();
            final ClassificationWindow window = ClassificationWindow.create(classes, withProbabilities, cap);
            final long rowCount = in.readLong();
            final long labeledCount = in.readLong();
            final long[] confusion = window.confusionCounts();
            for (int i = 0; i < confusion.length; i++) {
                confusion[i] = in.readLong();
            }
            window.logLoss().add(new CompensatedSum(in.readDouble(), in.readDouble()));
            readRows(in, window.rows(), classes.size());
            window.restoreCounts(rowCount, labeledCount);
            return window;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated classification window of " + encoded.length + " bytes", e);
        }
    }

    private static ClassLabels readClasses(final DataInputStream in) throws IOException {
        final int count = in.readInt();
        if (count < 2 || count > ClassificationWindow.MAX_CLASSES) {
            throw new IllegalArgumentException("invalid class count " + count + " in a classification window;"
                    + " expected 2 to " + ClassificationWindow.MAX_CLASSES);
        }
        final List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
        }
        final int positive = in.readInt();
        final ClassLabels classes = ClassLabels.of(names);
        return positive < 0 || positive == classes.positiveIndex() ? classes
                : ClassLabels.binary(names.get(1 - positive), names.get(positive));
    }

    private static void readRows(final DataInputStream in, final ScoredRows rows, final int classCount)
            throws IOException {
        final boolean sampled = in.readBoolean();
        final int size = in.readInt();
        if (size < 0 || size > rows.cap()) {
            throw new IllegalArgumentException("invalid row count " + size + " in a classification window; expected 0 to "
                    + rows.cap());
        }
        final double[] probabilities = new double[rows.width()];
        for (int i = 0; i < size; i++) {
            final long key = in.readLong();
            final int label = in.readShort();
            final int prediction = in.readShort();
            if (label < ClassLabels.NO_LABEL || label >= classCount || prediction < 0 || prediction >= classCount) {
                throw new IllegalArgumentException("invalid class index in encoded row " + i + ": true " + label
                        + ", predicted " + prediction + " for " + classCount + " classes");
            }
            for (int column = 0; column < probabilities.length; column++) {
                probabilities[column] = in.readDouble();
            }
            rows.add(key, label, prediction, probabilities, 0);
        }
        if (sampled) {
            rows.markSampled();
        }
    }

    /** Decodes bytes written by {@link #encode(RegressionWindow)}. */
    public static RegressionWindow decodeRegression(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            checkFormat(encoded, in.readByte(), REGRESSION_V1, "regression");
            final long count = in.readLong();
            final CompensatedSum absolute = new CompensatedSum(in.readDouble(), in.readDouble());
            final CompensatedSum squared = new CompensatedSum(in.readDouble(), in.readDouble());
            final CompensatedSum percentage = new CompensatedSum(in.readDouble(), in.readDouble());
            return new RegressionWindow(count, absolute, squared, percentage, in.readDouble(), in.readDouble());
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated regression window of " + encoded.length + " bytes", e);
        }
    }

    private static void checkFormat(final byte[] encoded, final byte format, final byte expected, final String kind) {
        if (format != expected) {
            throw new IllegalArgumentException(String.format(
                    "unknown format byte 0x%02x for a %s window of %d bytes; expected 0x%02x (version 1)%s",
                    format, kind, encoded.length, expected,
                    format == CLASSIFICATION_V1 || format == REGRESSION_V1 ? ", the bytes hold the other kind of window"
                            : ""));
        }
    }
}
