package dev.momo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void bootstrapServersUsesLoopbackAddress() {
        assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(broker.controllerAddress()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(port(broker.bootstrapServers())).isPositive();
        assertThat(port(broker.controllerAddress())).isNotEqualTo(port(broker.bootstrapServers()));
    }

    @Test
    void listenersUnreachableOnOtherLocalAddresses() throws Exception {
        Set<InetAddress> otherAddresses = otherLocalAddresses();
        // Linux routes all of 127.0.0.0/8 to the loopback interface, so 127.0.0.2 is a local address there.
        otherAddresses.add(InetAddress.getByName("127.0.0.2"));

        for (int port : List.of(port(broker.bootstrapServers()), port(broker.controllerAddress()))) {
            assertThat(canConnect(InetAddress.getByName("127.0.0.1"), port))
                    .as("port %d on 127.0.0.1", port).isTrue();
            for (InetAddress address : otherAddresses) {
                assertThat(canConnect(address, port))
                        .as("port %d on %s", port, address.getHostAddress()).isFalse();
            }
        }
    }

    @Test
    void producedRecordIsConsumedByGroup() {
        String topic = "produce-consume";
        broker.createTopic(topic, 1, Map.of());

        try (KafkaProducer<String, String> producer = newProducer(Map.of())) {
            producer.send(new ProducerRecord<>(topic, "model-a", "event-1"));
        }

        Map<String, Object> groupConfig = Map.of(ConsumerConfig.GROUP_ID_CONFIG, "produce-consume-group");
        try (KafkaConsumer<String, String> consumer = newConsumer(groupConfig)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = pollUntil(consumer, 1);

            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo("model-a");
            assertThat(records.get(0).value()).isEqualTo("event-1");
            consumer.commitSync();
        }
    }

    @Test
    void readCommittedSkipsAbortedTransaction() {
        String topic = "transactions";
        broker.createTopic(topic, 1, Map.of());

        Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test");
        try (KafkaProducer<String, String> producer = newProducer(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "model-a", "aborted"));
            // Without flush(), abortTransaction() may drop the record before it reaches the log.
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "model-a", "committed"));
            producer.commitTransaction();
        }

        try (KafkaConsumer<String, String> consumer = newConsumer(
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            assignFromBeginning(consumer, topic);
            List<String> values = values(pollUntil(consumer, 1));
            assertThat(values).containsExactly("committed");
        }
        // The aborted record did reach the log, because a read_uncommitted consumer reads both records.
        try (KafkaConsumer<String, String> consumer = newConsumer(
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"))) {
            assignFromBeginning(consumer, topic);
            List<String> values = values(pollUntil(consumer, 2));
            assertThat(values).containsExactly("aborted", "committed");
        }
    }

    @Test
    void streamsExactlyOnceCopiesRecords(@TempDir Path stateDir) {
        String input = "streams-input";
        String output = "streams-output";
        broker.createTopic(input, 2, Map.of());
        broker.createTopic(output, 2, Map.of());
        try (KafkaProducer<String, String> producer = newProducer(Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(input, "model-" + i, "event-" + i));
            }
        }

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT))
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Properties streamsConfig = new Properties();
        streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-broker-eos-test");
        streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streamsConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streamsConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        streamsConfig.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");

        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig);
             KafkaConsumer<String, String> consumer = newConsumer(
                     Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            streams.start();
            List<TopicPartition> partitions = List.of(new TopicPartition(output, 0), new TopicPartition(output, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> values = values(pollUntil(consumer, 10));

            assertThat(values).hasSize(10);
            assertThat(values).allSatisfy(value -> assertThat(value).startsWith("EVENT-"));
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
        }
    }

    @Test
    void createTopicTwiceKeepsPartitions() throws Exception {
        String topic = "created-twice";

        broker.createTopic(topic, 3, Map.of());
        broker.createTopic(topic, 3, Map.of());

        TopicDescription description = describeTopic(topic);
        assertThat(description.partitions()).hasSize(3);
        assertThat(description.partitions()).allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
    }

    @Test
    void createTopicWithOtherPartitionCountFails() {
        String topic = "partition-mismatch";
        broker.createTopic(topic, 2, Map.of());

        assertThatThrownBy(() -> broker.createTopic(topic, 4, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("2 partitions");
    }

    @Test
    void createTopicAppliesConfigs() throws Exception {
        String topic = "compacted";

        broker.createTopic(topic, 1, Map.of("cleanup.policy", "compact", "retention.ms", "3600000"));

        Config config = describeTopicConfig(topic);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
    }

    @Test
    void brokerConfigHasSingleNodeSettings() throws Exception {
        try (Admin admin = newAdmin()) {
            Config config = admin.describeConfigs(List.of(brokerResource())).all()
                    .get(30, TimeUnit.SECONDS).get(brokerResource());

            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("message.max.bytes").value()).isEqualTo("16777216");
            assertThat(config.get("transaction.state.log.min.isr").value()).isEqualTo("1");
        }
    }

    @Test
    void recordOverOneMebibyteRoundTrips() {
        String topic = "large-records";
        broker.createTopic(topic, 1, Map.of());
        byte[] value = new byte[5 * 1024 * 1024];
        value[value.length - 1] = 42;

        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, value));
        }

        Map<String, Object> consumerConfig = new HashMap<>();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> records = pollUntil(consumer, 1);

            assertThat(records).hasSize(1);
            assertThat(records.get(0).value()).isEqualTo(value);
        }
    }

    @Test
    void closeDeletesDirectoryAndIsIdempotent() {
        EmbeddedKafkaBroker ownBroker = EmbeddedKafkaBroker.start();
        Path logDir = ownBroker.logDir();
        int brokerPort = port(ownBroker.bootstrapServers());
        ownBroker.createTopic("before-close", 1, Map.of());
        assertThat(logDir).isDirectory();

        ownBroker.close();

        assertThat(logDir).doesNotExist();
        assertThat(canConnect(loopback(), brokerPort)).isFalse();
        assertThatCode(ownBroker::close).doesNotThrowAnyException();
        assertThatThrownBy(() -> ownBroker.createTopic("after-close", 1, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void restartOnLogDirKeepsRecords(@TempDir Path logDir) throws IOException {
        int fixedPort = freePort();
        String topic = "survives-restart";

        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().port(fixedPort).logDir(logDir).start()) {
            assertThat(first.bootstrapServers()).isEqualTo("127.0.0.1:" + fixedPort);
            first.createTopic(topic, 1, Map.of());
            try (KafkaProducer<String, String> producer = newProducer(first, Map.of())) {
                producer.send(new ProducerRecord<>(topic, "model-a", "before-restart"));
            }
        }
        assertThat(logDir.resolve("meta.properties")).isRegularFile();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().port(fixedPort).logDir(logDir).start()) {
            second.createTopic(topic, 1, Map.of());
            try (KafkaConsumer<String, String> consumer = newConsumer(second, Map.of())) {
                assignFromBeginning(consumer, topic);
                assertThat(values(pollUntil(consumer, 1))).containsExactly("before-restart");
            }
        }
        assertThat(Files.isDirectory(logDir)).isTrue();
    }

    @Test
    void takenPortFailsWithClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, loopback())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(port).start())
                    .isInstanceOf(KafkaException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("not available");
        }
    }

    @Test
    void builderRejectsReservedConfigAndInvalidPort() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerConfig("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
    }

    private static KafkaProducer<String, String> newProducer(Map<String, Object> overrides) {
        return newProducer(broker, overrides);
    }

    private static KafkaProducer<String, String> newProducer(EmbeddedKafkaBroker target,
                                                             Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.putAll(overrides);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> newConsumer(Map<String, Object> overrides) {
        return newConsumer(broker, overrides);
    }

    private static KafkaConsumer<String, String> newConsumer(EmbeddedKafkaBroker target,
                                                             Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putAll(overrides);
        return new KafkaConsumer<>(config);
    }

    private static Admin newAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static void assignFromBeginning(KafkaConsumer<?, ?> consumer, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
    }

    /** Polls until {@code expected} records arrived or the poll timeout passed, then returns what arrived. */
    private static <K, V> List<ConsumerRecord<K, V>> pollUntil(KafkaConsumer<K, V> consumer, int expected) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static List<String> values(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).collect(Collectors.toList());
    }

    private static TopicDescription describeTopic(String topic) throws Exception {
        try (Admin admin = newAdmin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        }
    }

    private static Config describeTopicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = newAdmin()) {
            return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        }
    }

    private static ConfigResource brokerResource() {
        return new ConfigResource(ConfigResource.Type.BROKER, "1");
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        }
    }

    private static boolean canConnect(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns the addresses of all local interfaces except 127.0.0.1, without IPv6 link-local ones. */
    private static Set<InetAddress> otherLocalAddresses() throws SocketException {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.getHostAddress().equals("127.0.0.1"))
                .filter(address -> !(address instanceof Inet6Address && address.isLinkLocalAddress()))
                .forEach(addresses::add);
        return addresses;
    }
}
