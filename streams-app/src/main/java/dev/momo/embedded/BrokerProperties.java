package dev.momo.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Server configuration of the single-node KRaft broker: one process with the broker and controller
 * roles, both listeners on 127.0.0.1, and internal topics sized for one replica.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Broker-wide maximum record batch size, 16 MiB, because reference profiles can be large. */
    static final int MESSAGE_MAX_BYTES = 16 * 1024 * 1024;

    /**
     * Keys that decide the node's identity, roles, addresses and storage. Callers may not override them,
     * so that the broker always listens on 127.0.0.1 only and stores data where close() expects it.
     */
    static final Set<String> RESERVED_KEYS = Set.of(
            "process.roles",
            "node.id",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "controller.listener.names",
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "inter.broker.listener.name",
            "log.dir",
            "log.dirs",
            "metadata.log.dir");

    private BrokerProperties() {
    }

    /**
     * Creates the server properties, then applies {@code overrides} on top of the defaults.
     *
     * @param startupTimeoutMs limit for {@code KafkaRaftServer.startup()}, set as {@code server.max.startup.time.ms}
     *                         (no limit by default in Kafka 4.3)
     * @throws IllegalArgumentException if {@code overrides} contains a key of {@link #RESERVED_KEYS}
     */
    static Properties create(int brokerPort, int controllerPort, Path logDir, long startupTimeoutMs,
                             Map<String, String> overrides) {
        Properties props = new Properties();

        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        // Static voters (kraft.version 0) let a restart on the same log directory use a new controller port.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort
                + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("server.max.startup.time.ms", Long.toString(startupTimeoutMs));

        // The single node has the only replica, so every internal topic needs replication factor 1 and min ISR 1.
        // Transactions (and Kafka Streams exactly_once_v2) fail with the default min ISR of 2.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        // Kafka's default is 50 partitions for each of these topics, all created by the first consumer group,
        // transaction or share group. Five are plenty for one node and are created faster.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.num.partitions", "5");

        props.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB dedupe buffer of the log cleaner dominates a small heap.
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.put("auto.create.topics.enable", "false");
        props.put("message.max.bytes", Integer.toString(MESSAGE_MAX_BYTES));
        props.put("replica.fetch.max.bytes", Integer.toString(MESSAGE_MAX_BYTES));

        for (Map.Entry<String, String> override : overrides.entrySet()) {
            checkOverridable(override.getKey());
            props.put(override.getKey(), override.getValue());
        }
        return props;
    }

    /** @throws IllegalArgumentException if {@code key} is one of {@link #RESERVED_KEYS} */
    static void checkOverridable(String key) {
        if (RESERVED_KEYS.contains(key)) {
            throw new IllegalArgumentException("Broker config " + key + " is set by the embedded broker and"
                    + " cannot be overridden; reserved keys are " + RESERVED_KEYS);
        }
    }
}
