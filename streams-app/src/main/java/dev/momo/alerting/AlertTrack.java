package dev.momo.alerting;

import dev.momo.schema.AlertSeverity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The state the lifecycle keeps for one model version, subject and check between windows. Immutable.
 *
 * <p>Encoding, format 2 (big-endian, {@link DataOutputStream}): the marker byte {@code 0xA2}, the
 * evidence bits, observed windows, the open alert id (UTF, empty when none), first seen, opened window,
 * severity ordinal (-1 when none), clean streak and cool-down. Format 1, the earlier {@code OpenAlert}
 * (alert id as UTF, first seen), starts with a zero byte, because its id is shorter than 256 bytes, and
 * still decodes: as an open alert without evidence history.
 *
 * @param drifts one bit per judged window, bit 0 the latest, 1 when it drifted
 * @param observed judged windows since the track started or last resolved, at most 63
 * @param alertId id of the open alert, null when none is open
 * @param firstSeen wall-clock time the open alert opened, epoch ms; 0 when none is open
 * @param openedWindow window in which the open alert opened
 * @param severity severity of the open alert's latest drifted window, null when none is open
 * @param cleanStreak judged windows in a row without drift
 * @param cooldown windows left in which no alert may open
 */
public record AlertTrack(long drifts, int observed, String alertId, long firstSeen, long openedWindow,
                         AlertSeverity severity, int cleanStreak, int cooldown) {

    /** A check that has not been judged yet. */
    public static final AlertTrack NEW = new AlertTrack(0, 0, null, 0, 0, null, 0, 0);

    private static final int MARKER = 0xA2;

    public boolean isOpen() {
        return alertId != null;
    }

    /** True when nothing distinguishes the track from a new one but counters that only matter to open alerts. */
    public boolean isQuiet() {
        return alertId == null && cooldown == 0 && drifts == 0;
    }

    /** Drifted windows among the latest {@code windows}. */
    public int driftedAmong(final int windows) {
        final int span = Math.min(windows, observed);
        final long mask = span >= Long.SIZE ? -1L : (1L << span) - 1;
        return Long.bitCount(drifts & mask);
    }

    public byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(80);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(MARKER);
            out.writeLong(drifts);
            out.writeByte(observed);
            out.writeUTF(alertId == null ? "" : alertId);
            out.writeLong(firstSeen);
            out.writeLong(openedWindow);
            out.writeByte(severity == null ? -1 : severity.ordinal());
            out.writeInt(cleanStreak);
            out.writeInt(cooldown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes format 2, or format 1 of the earlier releases.
     *
     * @throws IllegalArgumentException when the bytes are neither
     */
    public static AlertTrack decode(final byte[] encoded) {
        if (encoded.length == 0) {
            throw new IllegalArgumentException("empty alert state");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (encoded[0] == 0) {
                final String alertId = in.readUTF();
                return new AlertTrack(1, 1, alertId, in.readLong(), 0, AlertSeverity.WARNING, 0, 0);
            }
            if ((encoded[0] & 0xFF) != MARKER) {
                throw new IllegalArgumentException("alert state format marker 0x"
                        + Integer.toHexString(encoded[0] & 0xFF) + " is not known; expected 0xa2");
            }
            in.readByte();
            final long drifts = in.readLong();
            final int observed = in.readByte();
            final String alertId = in.readUTF();
            final long firstSeen = in.readLong();
            final long openedWindow = in.readLong();
            final int severity = in.readByte();
            return new AlertTrack(drifts, observed, alertId.isEmpty() ? null : alertId, firstSeen, openedWindow,
                    severity < 0 ? null : AlertSeverity.values()[severity], in.readInt(), in.readInt());
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("truncated alert state of " + encoded.length + " bytes", e);
        }
    }
}
