package dev.momo.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merge bookkeeping of one model version's time windows.
 *
 * @param contributors input partitions that ever sent events of the model version
 * @param lastCompletedWindow highest window id already compared, {@link Long#MIN_VALUE} before the first
 */
record MergeProgress(Set<Integer> contributors, long lastCompletedWindow) {

    static final MergeProgress NONE = new MergeProgress(Set.of(), Long.MIN_VALUE);

    MergeProgress {
        contributors = Set.copyOf(contributors);
    }

    MergeProgress withContributor(final int partition) {
        if (contributors.contains(partition)) {
            return this;
        }
        final Set<Integer> more = new TreeSet<>(contributors);
        more.add(partition);
        return new MergeProgress(more, lastCompletedWindow);
    }

    MergeProgress withCompleted(final long windowId) {
        return new MergeProgress(contributors, Math.max(lastCompletedWindow, windowId));
    }

    byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(lastCompletedWindow);
            out.writeInt(contributors.size());
            for (final int partition : new TreeSet<>(contributors)) {
                out.writeInt(partition);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static MergeProgress decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final long last = in.readLong();
            final int count = in.readInt();
            final Set<Integer> partitions = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                partitions.add(in.readInt());
            }
            return new MergeProgress(partitions, last);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated merge progress of " + encoded.length + " bytes", e);
        }
    }
}
