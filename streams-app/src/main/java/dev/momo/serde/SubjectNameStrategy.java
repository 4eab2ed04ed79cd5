package dev.momo.serde;

import org.apache.avro.Schema;

/**
 * Rule that names the schema registry subject under which a serializer registers a record's schema,
 * with the definitions of Confluent's strategies of the same names
 * ({@code io.confluent.kafka.serializers.subject}):
 *
 * <ul>
 *   <li>{@link #TOPIC_NAME}: {@code <topic>-key} or {@code <topic>-value}. One schema lineage per topic;
 *       the registry checks compatibility of every record type written to the topic against each other.
 *   <li>{@link #RECORD_NAME}: {@code <record full name>}, for keys and values alike. One lineage per
 *       record type across all topics, so a topic may carry several record types.
 *   <li>{@link #TOPIC_RECORD_NAME}: {@code <topic>-<record full name>}. One lineage per topic and
 *       record type.
 * </ul>
 */
public enum SubjectNameStrategy {

    TOPIC_NAME("TopicNameStrategy"),
    RECORD_NAME("RecordNameStrategy"),
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    /** Serializer setting for key subjects, as in Confluent's serdes. */
    public static final String KEY_CONFIG = "key.subject.name.strategy";
    /** Serializer setting for value subjects, as in Confluent's serdes. */
    public static final String VALUE_CONFIG = "value.subject.name.strategy";

    /** Package of Confluent's strategy classes, accepted in front of the simple name. */
    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String confluentName;

    SubjectNameStrategy(final String confluentName) {
        this.confluentName = confluentName;
    }

    /** Returns the simple class name of Confluent's strategy, such as {@code TopicNameStrategy}. */
    public String confluentName() {
        return confluentName;
    }

    /**
     * Returns the subject for a record with {@code schema} written to {@code topic}.
     *
     * @throws IllegalArgumentException if the topic is blank, or the strategy uses the record name and
     *     the schema is not a record
     */
    public String subjectName(final String topic, final boolean isKey, final Schema schema) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank, got '" + topic + "': " + confluentName
                    + " derives the subject from it");
        }
        if (this == TOPIC_NAME) {
            return WireFormat.subjectName(topic, isKey);
        }
        if (schema == null || schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException(confluentName + " names subjects after the record's full name, but the "
                    + (isKey ? "key" : "value") + " schema for topic '" + topic + "' is "
                    + (schema == null ? "missing" : "of type " + schema.getType().getName())
                    + "; use TopicNameStrategy for non-record schemas");
        }
        return this == RECORD_NAME ? schema.getFullName() : topic + "-" + schema.getFullName();
    }

    /**
     * Parses a strategy from its Confluent class name, simple ({@code RecordNameStrategy}) or
     * qualified ({@code io.confluent.kafka.serializers.subject.RecordNameStrategy}), or from the enum
     * constant name ({@code RECORD_NAME}), ignoring case.
     *
     * @throws IllegalArgumentException naming {@code key} and the value if it matches no strategy
     */
    public static SubjectNameStrategy parse(final String key, final String value) {
        final String text = value == null ? "" : value.trim();
        final String simple = text.regionMatches(true, 0, CONFLUENT_PACKAGE, 0, CONFLUENT_PACKAGE.length())
                ? text.substring(CONFLUENT_PACKAGE.length()) : text;
        for (final SubjectNameStrategy strategy : values()) {
            if (strategy.confluentName.equalsIgnoreCase(simple) || strategy.name().equalsIgnoreCase(simple)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("invalid " + key + " '" + value + "'; expected TopicNameStrategy,"
                + " RecordNameStrategy or TopicRecordNameStrategy (optionally with the package "
                + CONFLUENT_PACKAGE.substring(0, CONFLUENT_PACKAGE.length() - 1) + ")");
    }

    /** Returns the Confluent class name, as configuration and messages write it. */
    @Override
    public String toString() {
        return confluentName;
    }
}
