package dev.momo.topology;

import dev.momo.performance.ClassificationWindow;
import dev.momo.performance.PerformanceWindowCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parts of one window received so far, stored in {@link StoreNames#WINDOW_MERGE}.
 *
 * @param firstArrival wall-clock time the first part arrived, epoch ms; the merge timeout counts from it
 * @param partitions input partitions whose part arrived
 * @param merged the parts merged so far
 */
record MergeState(long firstArrival, Set<Integer> partitions, PartialWindow merged) {

    MergeState {
        partitions = new TreeSet<>(partitions);
    }

    MergeState add(final PartialWindow part, final int maxSamplePoints) {
        final Set<Integer> received = new TreeSet<>(partitions);
        received.add(part.sourcePartition());
        final PartialWindow combined = new PartialWindow(merged.modelId(), merged.modelVersion(), merged.mode(),
                merged.windowId(), merged.sourcePartition(),
                Math.min(merged.windowStart(), part.windowStart()), Math.max(merged.windowEnd(), part.windowEnd()),
                merged.aggregate().merge(part.aggregate(), maxSamplePoints),
                mergePredictions(merged.predictions(), part.predictions()));
        return new MergeState(firstArrival, received, combined);
    }

    /** Both parts' predictions in one window; either side may be empty. */
    private static byte[] mergePredictions(final byte[] mine, final byte[] theirs) {
        if (theirs.length == 0) {
            return mine;
        }
        if (mine.length == 0) {
            return theirs;
        }
        final ClassificationWindow merged = PerformanceWindowCodec.decodeClassification(mine);
        merged.addAll(PerformanceWindowCodec.decodeClassification(theirs));
        return PerformanceWindowCodec.encode(merged);
    }

    byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(firstArrival);
            out.writeInt(partitions.size());
            for (final int partition : partitions) {
                out.writeInt(partition);
            }
            out.write(merged.encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static MergeState decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final long firstArrival = in.readLong();
            final int count = in.readInt();
            final Set<Integer> partitions = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                partitions.add(in.readInt());
            }
            return new MergeState(firstArrival, partitions, PartialWindow.decode(in.readAllBytes()));
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated merge state of " + encoded.length + " bytes", e);
        }
    }
}
