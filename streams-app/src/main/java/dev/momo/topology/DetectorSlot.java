package dev.momo.topology;

import dev.momo.detectors.ChangeDetector;
import dev.momo.detectors.ChangeDetectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the detector store keeps per model version, input partition and configured detector: the
 * detector itself, the configuration it was built from, its value counts, and the alert it keeps
 * open. Mutable, owned by one stream thread.
 *
 * <p>Encoding, version 1 (big-endian, {@link DataOutputStream}): version byte, the configuration
 * (UTF), values seen, values since the last detection, detections, the open alert id (UTF, empty when
 * none) and its first-seen time, then the detector's own encoding (length and bytes), which starts
 * with its own format byte.
 */
final class DetectorSlot {

    private static final byte VERSION = 1;

    /** The configuration the detector was built from, so that a changed profile restarts it. */
    final String configuration;
    ChangeDetector detector;
    long valuesSeen;
    long sinceDetection;
    long detections;
    String openAlertId;
    long alertFirstSeen;

    DetectorSlot(final String configuration, final ChangeDetector detector) {
        this.configuration = configuration;
        this.detector = detector;
    }

    byte[] encode() {
        final byte[] state = detector.encode();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(configuration);
            out.writeLong(valuesSeen);
            out.writeLong(sinceDetection);
            out.writeLong(detections);
            out.writeUTF(openAlertId == null ? "" : openAlertId);
            out.writeLong(alertFirstSeen);
            out.writeInt(state.length);
            out.write(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes bytes written by {@link #encode}.
     *
     * @throws IllegalArgumentException when the layout or the detector state is not one this build reads
     */
    static DetectorSlot decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("detector slot encoding version " + version
                        + " is not supported; expected " + VERSION);
            }
            final String configuration = in.readUTF();
            final long valuesSeen = in.readLong();
            final long sinceDetection = in.readLong();
            final long detections = in.readLong();
            final String alertId = in.readUTF();
            final long firstSeen = in.readLong();
            final byte[] state = new byte[in.readInt()];
            in.readFully(state);
            final DetectorSlot slot = new DetectorSlot(configuration, ChangeDetectors.decode(state));
            slot.valuesSeen = valuesSeen;
            slot.sinceDetection = sinceDetection;
            slot.detections = detections;
            slot.openAlertId = alertId.isEmpty() ? null : alertId;
            slot.alertFirstSeen = firstSeen;
            return slot;
        } catch (IOException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated detector slot of " + encoded.length + " bytes", e);
        }
    }
}
