package dev.momo.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of records on the dead-letter topic and of control records. Every value is UTF-8 text.
 */
public final class DeadLetterHeaders {

    /** Reason for the rejection, in words a person can act on. */
    public static final String ERROR_MESSAGE = "momo.error.message";
    /** Short reason code, also the {@code reason} label of {@code momo_events_rejected_total}. */
    public static final String ERROR_REASON = "momo.error.reason";
    public static final String SOURCE_TOPIC = "momo.source.topic";
    public static final String SOURCE_PARTITION = "momo.source.partition";
    public static final String SOURCE_OFFSET = "momo.source.offset";
    /**
     * Header of a control record on the inferences topic. Value {@value #CONTROL_FLUSH}: close every
     * open window of the record's partition now, as at the end of a file.
     */
    public static final String CONTROL = "momo.control";
    public static final String CONTROL_FLUSH = "flush";

    private DeadLetterHeaders() {
    }

    static Headers rejection(final Headers original, final String reason, final String message,
                             final String topic, final int partition, final long offset) {
        final Headers headers = new RecordHeaders(original.toArray());
        headers.add(ERROR_REASON, utf8(reason));
        headers.add(ERROR_MESSAGE, utf8(message));
        headers.add(SOURCE_TOPIC, utf8(topic));
        headers.add(SOURCE_PARTITION, utf8(String.valueOf(partition)));
        headers.add(SOURCE_OFFSET, utf8(String.valueOf(offset)));
        return headers;
    }

    /** Reason of an event whose time window had already closed. */
    public static final String REASON_LATE = "late_event";
    /** Reason of an event whose model version has no reference profile. */
    public static final String REASON_NO_PROFILE = "no_reference_profile";

    static boolean isFlush(final Headers headers) {
        final var header = headers.lastHeader(CONTROL);
        return header != null && CONTROL_FLUSH.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
