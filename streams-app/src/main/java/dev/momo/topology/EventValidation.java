package dev.momo.topology;

import dev.momo.schema.InferenceEvent;
import java.util.List;

/** Checks on decoded inference events that the schema cannot express. */
final class EventValidation {

    private EventValidation() {
    }

    /**
     * Wraps a decoder so that every event it returns is also checked by {@link #check}. One invalid
     * event rejects the whole record.
     */
    static IngestProcessor.Decoder<InferenceEvent> validating(final IngestProcessor.Decoder<InferenceEvent> decoder) {
        return record -> {
            final List<InferenceEvent> events = decoder.decode(record);
            if (events != null) {
                events.forEach(EventValidation::check);
            }
            return events;
        };
    }

    /**
     * @throws InvalidEventException when the model id or version is blank or the version contains '/'
     */
    static InferenceEvent check(final InferenceEvent event) {
        if (event.getModelId().isBlank()) {
            throw new InvalidEventException("event " + event.getEventId() + " has a blank modelId; set the model id");
        }
        if (event.getModelVersion().isBlank() || event.getModelVersion().indexOf('/') >= 0) {
            throw new InvalidEventException("event " + event.getEventId() + " has model version '"
                    + event.getModelVersion() + "'; it must be non-blank and contain no '/'");
        }
        return event;
    }

    /** An event that decodes but cannot be monitored. */
    static final class InvalidEventException extends RuntimeException {
        InvalidEventException(final String message) {
            super(message);
        }
    }
}
