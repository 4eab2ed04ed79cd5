package dev.momo.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.momo.schema.DriftMetric;
import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void registerSameSchemaTwiceReturnsSameId() {
        int first = registry.register("inference-value", InferenceEvent.getClassSchema());
        int second = registry.register("inference-value", InferenceEvent.getClassSchema());

        assertThat(second).isEqualTo(first);
        assertThat(registry.schemaIds("inference-value")).containsExactly(first);
    }

    @Test
    void registerEqualSchemaCopyReusesId() {
        Schema copy = new Schema.Parser().parse(InferenceEvent.getClassSchema().toString());

        int first = registry.register("inference-value", InferenceEvent.getClassSchema());
        int second = registry.register("inference-value", copy);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void registerOtherSubjectReusesId() {
        int first = registry.register("inference-value", InferenceEvent.getClassSchema());
        int second = registry.register("replay-value", InferenceEvent.getClassSchema());

        assertThat(second).isEqualTo(first);
        assertThat(registry.subjects()).containsExactly("inference-value", "replay-value");
    }

    @Test
    void registerDistinctSchemasCountsFromOne() {
        int inference = registry.register("inference-value", InferenceEvent.getClassSchema());
        int groundTruth = registry.register("labels-value", GroundTruth.getClassSchema());
        int metric = registry.register("inference-value", DriftMetric.getClassSchema());

        assertThat(List.of(inference, groundTruth, metric)).containsExactly(1, 2, 3);
        assertThat(registry.schemaIds("inference-value")).containsExactly(1, 3);
    }

    @Test
    void schemaByIdReturnsRegisteredSchema() {
        int id = registry.register("labels-value", GroundTruth.getClassSchema());

        assertThat(registry.schemaById(id)).isEqualTo(GroundTruth.getClassSchema());
    }

    @Test
    void schemaByIdUnknownThrowsNamingId() {
        registry.register("labels-value", GroundTruth.getClassSchema());

        assertThatThrownBy(() -> registry.schemaById(42))
                .isInstanceOf(UnknownSchemaException.class)
                .isInstanceOf(SerdeException.class)
                .hasMessageContaining("Unknown schema id 42")
                .hasMessageContaining("ids 1 to 1")
                .extracting(e -> ((UnknownSchemaException) e).schemaId())
                .isEqualTo(42);
    }

    @Test
    void schemaByIdOnEmptyRegistrySaysEmpty() {
        assertThatThrownBy(() -> registry.schemaById(1))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("contains no schemas");
    }

    @Test
    void schemaIdsOfUnknownSubjectIsEmpty() {
        assertThat(registry.schemaIds("missing-value")).isEmpty();
    }

    @Test
    void registerBlankSubjectRejected() {
        assertThatThrownBy(() -> registry.register(" ", InferenceEvent.getClassSchema()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registerConcurrentlyKeepsOneIdPerSchema() throws Exception {
        List<Schema> schemas = List.of(InferenceEvent.getClassSchema(), GroundTruth.getClassSchema(),
                DriftMetric.getClassSchema());
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Schema schema = schemas.get(i % schemas.size());
            String subject = "topic-" + (i % 7) + "-value";
            tasks.add(() -> registry.register(subject, schema));
        }

        ExecutorService executor = Executors.newFixedThreadPool(8);
        Set<Integer> ids = new HashSet<>();
        try {
            for (Future<Integer> result : executor.invokeAll(tasks)) {
                ids.add(result.get());
            }
        } finally {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(ids).containsExactlyInAnyOrder(1, 2, 3);
    }
}
