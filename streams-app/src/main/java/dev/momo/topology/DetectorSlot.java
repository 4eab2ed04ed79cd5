package dev.momo.topology;

import dev.momo.alerting.AlertTrack;
import dev.momo.detectors.ChangeDetector;
import dev.momo.detectors.ChangeDetectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.momo.schema.AlertSeverity;

/**
 * What the detector store keeps per model version, input partition and configured detector: the
 * detector itself, the configuration it was built from, its value counts, and the alert it keeps
 * open. Mutable, owned by one stream thread.
 *
 * <p>Encoding, version 2 (big-endian, {@link DataOutputStream}): version byte, the configuration
 * (UTF), values seen, values since the last detection, detections, the alert track (length and
 * {@link AlertTrack#encode()} bytes), then the detector's own encoding (length and bytes), which starts
 * with its own format byte. Version 1 had the open alert id (UTF, empty when none) and its first-seen
 * time in place of the track, and still decodes.
 */
final class DetectorSlot {

    private static final byte VERSION = 2;

    /** The configuration the detector was built from, so that a changed profile restarts it. */
    final String configuration;
    ChangeDetector detector;
    long valuesSeen;
    long sinceDetection;
    long detections;
    /** The lifecycle of this detector's alert; windows are profile chunks of values. */
    AlertTrack track = AlertTrack.NEW;

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
            final byte[] alert = track.encode();
            out.writeInt(alert.length);
            out.write(alert);
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
            if (version != 1 && version != VERSION) {
                throw new IllegalArgumentException("detector slot encoding version " + version
                        + " is not supported; expected 1 or " + VERSION);
            }
            final String configuration = in.readUTF();
            final long valuesSeen = in.readLong();
            final long sinceDetection = in.readLong();
            final long detections = in.readLong();
            final AlertTrack track;
            if (version == 1) {
                final String alertId = in.readUTF();
                final long firstSeen = in.readLong();
                track = alertId.isEmpty() ? AlertTrack.NEW
                        : new AlertTrack(1, 1, alertId, firstSeen, valuesSeen, AlertSeverity.WARNING, 0, 0);
            } else {
                final byte[] alert = new byte[in.readInt()];
                in.readFully(alert);
                track = AlertTrack.decode(alert);
            }
            final byte[] state = new byte[in.readInt()];
            in.readFully(state);
            final DetectorSlot slot = new DetectorSlot(configuration, ChangeDetectors.decode(state));
            slot.valuesSeen = valuesSeen;
            slot.sinceDetection = sinceDetection;
            slot.detections = detections;
            slot.track = track;
            return slot;
        } catch (IOException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated detector slot of " + encoded.length + " bytes", e);
        }
    }
}
