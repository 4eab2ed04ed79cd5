package dev.momo.topology;

import dev.momo.schema.InferenceEvent;

/** Checks on decoded inference events that the schema cannot express. */
final class EventValidation {

    private EventValidation() {
    }

    /** Wraps a decoder so that events it returns are also checked by {@link #check}. */
    static IngestProcessor.Decoder<InferenceEvent> validating(final IngestProcessor.Decoder<InferenceEvent> decoder) {
        return (topic, value) -> check(decoder.decode(topic, value));
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
