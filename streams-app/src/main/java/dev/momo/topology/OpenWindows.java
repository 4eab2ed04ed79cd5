package dev.momo.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The open windows of one model version on one input partition, stored in {@link StoreNames#WINDOW_OPEN}.
 * Count mode keeps one open window at a time; time mode one per window still inside its grace period.
 * Mutable; owned by one stream task.
 */
final class OpenWindows {

    /** One open window: id, buffered events, and event-time span in epoch ms. */
    static final class Window {
        final long id;
        long events;
        long minEventTime = Long.MAX_VALUE;
        long maxEventTime = Long.MIN_VALUE;

        Window(final long id) {
            this.id = id;
        }

        void add(final long eventTime) {
            events++;
            minEventTime = Math.min(minEventTime, eventTime);
            maxEventTime = Math.max(maxEventTime, eventTime);
        }
    }

    final String modelId;
    final String modelVersion;
    /** Id the next count window gets; unused in time mode. */
    long nextCountWindowId;
    final List<Window> windows = new ArrayList<>();

    OpenWindows(final String modelId, final String modelVersion) {
        this.modelId = modelId;
        this.modelVersion = modelVersion;
    }

    Window window(final long id) {
        for (final Window window : windows) {
            if (window.id == id) {
                return window;
            }
        }
        final Window window = new Window(id);
        windows.add(window);
        return window;
    }

    byte[] encode() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(modelId);
            out.writeUTF(modelVersion);
            out.writeLong(nextCountWindowId);
            out.writeInt(windows.size());
            for (final Window window : windows) {
                out.writeLong(window.id);
                out.writeLong(window.events);
                out.writeLong(window.minEventTime);
                out.writeLong(window.maxEventTime);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static OpenWindows decode(final byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            final OpenWindows open = new OpenWindows(in.readUTF(), in.readUTF());
            open.nextCountWindowId = in.readLong();
            final int count = in.readInt();
            for (int i = 0; i < count; i++) {
                final Window window = new Window(in.readLong());
                window.events = in.readLong();
                window.minEventTime = in.readLong();
                window.maxEventTime = in.readLong();
                open.windows.add(window);
            }
            return open;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated open-window state of " + encoded.length + " bytes", e);
        }
    }
}
