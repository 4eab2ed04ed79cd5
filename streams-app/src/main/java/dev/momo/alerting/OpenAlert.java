package dev.momo.alerting;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The open alert of one model version, feature and statistic.
 *
 * @param alertId stable id shared by the opened, updated and resolved records of the alert
 * @param firstSeen wall-clock time the alert opened, epoch ms
 */
public record OpenAlert(String alertId, long firstSeen) {

    public byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(alertId);
            out.writeLong(firstSeen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static OpenAlert decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            return new OpenAlert(in.readUTF(), in.readLong());
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated alert state of " + encoded.length + " bytes", e);
        }
    }
}
