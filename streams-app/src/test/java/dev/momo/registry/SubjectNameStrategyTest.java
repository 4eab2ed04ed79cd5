package dev.momo.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.InMemorySchemaRegistry;
import dev.momo.serde.SerdeException;
import dev.momo.serde.SubjectNameStrategy;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Subject names of Confluent's TopicNameStrategy, RecordNameStrategy and TopicRecordNameStrategy. */
class SubjectNameStrategyTest {

    private static final Schema EVENT = InferenceEvent.getClassSchema();

    @Test
    void topicNameAppendsKeyOrValue() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subjectName("momo.inferences", false, EVENT))
                .isEqualTo("momo.inferences-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subjectName("momo.inferences", true, EVENT))
                .isEqualTo("momo.inferences-key");
    }

    @Test
    void recordNameIsFullName() {
        assertThat(SubjectNameStrategy.RECORD_NAME.subjectName("momo.inferences", false, EVENT))
                .isEqualTo("dev.momo.schema.InferenceEvent");
        assertThat(SubjectNameStrategy.RECORD_NAME.subjectName("momo.inferences", true, EVENT))
                .isEqualTo("dev.momo.schema.InferenceEvent");
    }

    @Test
    void topicRecordNameJoinsTopicAndFullName() {
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subjectName("momo.inferences", false, EVENT))
                .isEqualTo("momo.inferences-dev.momo.schema.InferenceEvent");
    }

    @Test
    void recordNameRejectsNonRecordSchema() {
        assertThatThrownBy(() -> SubjectNameStrategy.RECORD_NAME.subjectName("t", true,
                Schema.create(Schema.Type.STRING)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RecordNameStrategy")
                .hasMessageContaining("of type string");
    }

    @Test
    void topicNameAcceptsNonRecordSchema() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subjectName("t", true, Schema.create(Schema.Type.STRING)))
                .isEqualTo("t-key");
    }

    @Test
    void blankTopicRejected() {
        assertThatThrownBy(() -> SubjectNameStrategy.TOPIC_NAME.subjectName(" ", false, EVENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic must not be blank");
    }

    @Test
    void parseAcceptsConfluentAndEnumNames() {
        assertThat(SubjectNameStrategy.parse("k", "TopicNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(SubjectNameStrategy.parse("k", " io.confluent.kafka.serializers.subject.RecordNameStrategy "))
                .isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("k", "topic_record_name")).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
    }

    @Test
    void parseRejectsUnknownNamingKey() {
        assertThatThrownBy(() -> SubjectNameStrategy.parse("value.subject.name.strategy", "TopicNameStrategyX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid value.subject.name.strategy 'TopicNameStrategyX'")
                .hasMessageContaining("RecordNameStrategy");
    }

    @Test
    void serializerDefaultsToTopicName() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

        new AvroSerializer<InferenceEvent>(registry).serialize("momo.inferences", event());

        assertThat(registry.subjects()).containsExactly("momo.inferences-value");
    }

    @Test
    void serializerTakesStrategyFromConstructor() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

        new AvroSerializer<InferenceEvent>(registry, SubjectNameStrategy.TOPIC_RECORD_NAME)
                .serialize("momo.inferences", event());

        assertThat(registry.subjects()).containsExactly("momo.inferences-dev.momo.schema.InferenceEvent");
    }

    @Test
    void serializerTakesStrategyFromConfiguration() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"), false);

        serializer.serialize("momo.inferences", event());

        assertThat(registry.subjects()).containsExactly("dev.momo.schema.InferenceEvent");
    }

    @Test
    void serializerKeyStrategyReadFromKeyConfiguration() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        final AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(registry);
        serializer.configure(Map.of("value.subject.name.strategy", "RecordNameStrategy",
                "key.subject.name.strategy", "TopicRecordNameStrategy"), true);

        serializer.serialize("momo.inferences", event());

        assertThat(registry.subjects()).containsExactly("momo.inferences-dev.momo.schema.InferenceEvent");
    }

    @Test
    void serializerUnknownStrategyRejectedAsConfigError() {
        final AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(new InMemorySchemaRegistry());

        assertThatThrownBy(() -> serializer.configure(Map.of("value.subject.name.strategy", "Nope"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy");
    }

    @Test
    void serializerNullStrategyRejected() {
        assertThatThrownBy(() -> new AvroSerializer<InferenceEvent>(new InMemorySchemaRegistry(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TOPIC_NAME");
    }

    @Test
    void serializerBlankTopicFailsAsSerdeError() {
        final AvroSerializer<InferenceEvent> serializer = new AvroSerializer<>(new InMemorySchemaRegistry());

        assertThatThrownBy(() -> serializer.serialize("", event()))
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("topic must not be blank");
    }

    static InferenceEvent event() {
        return InferenceEvent.newBuilder()
                .setEventId("e1")
                .setModelId("churn")
                .setModelVersion("3")
                .setEventTime(Instant.parse("2024-01-01T00:00:00Z"))
                .setFeatures(Map.of("age", 41L, "plan", "basic"))
                .setPrediction(0.25)
                .build();
    }
}
