package dev.momo.simulate;

import dev.momo.schema.GroundTruth;
import dev.momo.schema.InferenceEvent;
import dev.momo.serde.AvroSerializer;
import dev.momo.serde.SchemaRegistryClient;
import dev.momo.topology.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model server that publishes {@link LoanModel} predictions to the inferences topic at a steady rate
 * (Avro, wire format) and each label to the labels topic {@code labelDelay} later. Events carry the
 * model id as key but go round-robin to the topic's partitions, as from a busy model served by many
 * replicas, so that the model's windows are merged from every partition. The population
 * drifts once {@code driftAfter} has passed. Runs on its own thread until {@link #close}.
 */
public final class ModelServerSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServerSimulator.class);

    /** A label waiting for its time, with the partition of its prediction: the join looks for it there. */
    private record PendingLabel(long dueAt, int partition, GroundTruth label) {
    }

    private final String bootstrapServers;
    private final Topics topics;
    private final SchemaRegistryClient registry;
    private final int eventsPerSecond;
    private final int partitions;
    private final Duration driftAfter;
    private final Duration labelDelay;
    private final long seed;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile long published;

    public ModelServerSimulator(final String bootstrapServers, final Topics topics, final SchemaRegistryClient registry,
                                final int partitions, final int eventsPerSecond, final Duration driftAfter,
                                final Duration labelDelay, final long seed) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (eventsPerSecond < 1 || eventsPerSecond > 100_000) {
            throw new IllegalArgumentException("events per second must be between 1 and 100000, got " + eventsPerSecond);
        }
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.registry = registry;
        this.eventsPerSecond = eventsPerSecond;
        this.partitions = partitions;
        this.driftAfter = driftAfter;
        this.labelDelay = labelDelay;
        this.seed = seed;
        this.thread = new Thread(this::run, "momo-model-server-simulator");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public long published() {
        return published;
    }

    private void run() {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        final SplittableRandom random = new SplittableRandom(seed);
        final ArrayDeque<PendingLabel> labels = new ArrayDeque<>();
        final long start = System.currentTimeMillis();
        boolean driftAnnounced = false;
        LOG.info("Simulated model server publishes {} events/s of model {} version {}; drift starts after {} s",
                eventsPerSecond, LoanModel.MODEL_ID, LoanModel.MODEL_VERSION, driftAfter.toSeconds());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
             AvroSerializer<InferenceEvent> eventSerializer = new AvroSerializer<>(registry);
             AvroSerializer<GroundTruth> labelSerializer = new AvroSerializer<>(registry)) {
            long sent = 0;
            while (running.get()) {
                final long now = System.currentTimeMillis();
                final boolean drifted = now - start >= driftAfter.toMillis();
                if (drifted && !driftAnnounced) {
                    LOG.info("Simulated drift started: income, debt_to_income, loan_amount, region and channel shift now");
                    driftAnnounced = true;
                }
                final long due = (now - start) * eventsPerSecond / 1000;
                while (sent < due) {
                    final LoanModel.Applicant applicant = LoanModel.draw(random, drifted);
                    final String eventId = UUID.randomUUID().toString();
                    final InferenceEvent event = InferenceEvent.newBuilder()
                            .setEventId(eventId)
                            .setModelId(LoanModel.MODEL_ID)
                            .setModelVersion(LoanModel.MODEL_VERSION)
                            .setEventTime(Instant.ofEpochMilli(now))
                            .setFeatures(applicant.features())
                            .setPrediction(applicant.predictedClass())
                            .setProbabilities(Map.of(LoanModel.PROBABILITY, applicant.probability()))
                            .setSegments(Map.of())
                            .build();
                    final int partition = (int) (sent % partitions);
                    producer.send(new ProducerRecord<>(topics.inferences(), partition, LoanModel.MODEL_ID,
                            eventSerializer.serialize(topics.inferences(), event)));
                    labels.add(new PendingLabel(now + labelDelay.toMillis(), partition, GroundTruth.newBuilder()
                            .setEventId(eventId).setModelId(LoanModel.MODEL_ID).setLabel(applicant.outcome())
                            .setEventTime(Instant.ofEpochMilli(now + labelDelay.toMillis())).build()));
                    sent++;
                    published = sent;
                }
                while (!labels.isEmpty() && labels.peek().dueAt() <= now) {
                    final PendingLabel pending = labels.poll();
                    producer.send(new ProducerRecord<>(topics.labels(), pending.partition(), LoanModel.MODEL_ID,
                            labelSerializer.serialize(topics.labels(), pending.label())));
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Simulated model server failed after {} events", published, e);
        }
        LOG.info("Simulated model server stopped after {} events", published);
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
