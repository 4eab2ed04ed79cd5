package dev.momo.mapping;

import dev.momo.schema.InferenceEvent;

/**
 * Maps one Avro record or JSON object to one {@link InferenceEvent}, by the paths of a record mapping.
 *
 * <p>Defaults: without {@code eventId} the event id is the record's position
 * {@code topic-partition@offset}. It is stable because offsets never change, but labels can refer to
 * it only if their producer has the offset. Without {@code eventTime} the event time is the Kafka
 * record timestamp, and without {@code prediction} the prediction is null.
 */
final class RecordMapper {

    private RecordMapper() {
    }

    static InferenceEvent map(final MappedRecord record) {
        final InputMapping mapping = record.mapping();
        final String eventId = mapping.eventId() == null ? record.input().position()
                : record.identifier("eventId", mapping.eventId());

        Object prediction = null;
        if (mapping.prediction() != null) {
            prediction = record.convert("prediction", mapping.prediction(),
                    record.require("prediction", mapping.prediction()), Values::prediction);
        }

        return InferenceEvent.newBuilder()
                .setEventId(eventId)
                .setModelId(record.identifier("modelId", mapping.modelId()))
                .setModelVersion(record.identifier("modelVersion", mapping.modelVersion()))
                .setEventTime(record.eventTime())
                .setFeatures(record.group("features", mapping.features(), Values::feature, true))
                .setPrediction(prediction)
                .setProbabilities(record.group("probabilities", mapping.probabilities(), Values::probability, false))
                .setSegments(record.group("segments", mapping.segments(), Values::segment, false))
                .build();
    }
}
