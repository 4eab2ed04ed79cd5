package dev.momo.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-node Kafka broker in KRaft mode (combined broker and controller roles) that runs inside this JVM
 * and listens on 127.0.0.1 only.
 *
 * <p>{@link #start()} formats a temporary log directory, starts {@link KafkaRaftServer} and returns once an
 * {@link Admin} client sees the broker in the cluster. {@link #close()} stops the server and deletes the
 * temporary directory.
 *
 * <p>The server's threads are not daemon threads, so the JVM does not exit while the broker runs, even after
 * {@code main} returns: close the broker in a {@code finally} block. A JVM shutdown hook also closes it when
 * the JVM exits through {@code System.exit} or a signal such as SIGTERM or SIGINT.
 *
 * <p>NOTE: the server keeps Kafka's fault handling, so a fatal metadata fault halts the whole JVM, as it
 * would halt a standalone broker.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_INTERVAL_MS = 50;
    /** Attempts when a port chosen as free is taken by another process before the broker binds it. */
    private static final int MAX_BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Admin admin;
    private final int brokerPort;
    private final int controllerPort;
    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final Duration shutdownTimeout;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, Admin admin, int brokerPort, int controllerPort,
                                Path logDir, boolean deleteLogDirOnClose, Duration shutdownTimeout) {
        this.server = server;
        this.admin = admin;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.shutdownTimeout = shutdownTimeout;
        this.shutdownHook = new Thread(this::close, "embedded-kafka-broker-shutdown-hook");
    }

    /**
     * Starts a broker on free ports with a temporary log directory and default timeouts.
     *
     * @throws KafkaException if the broker fails to start or is not ready within 60 s
     */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the {@code bootstrap.servers} value for clients, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return BrokerProperties.HOST + ":" + brokerPort;
    }

    /** Returns the address of the controller listener, {@code 127.0.0.1:PORT}. */
    String controllerAddress() {
        return BrokerProperties.HOST + ":" + controllerPort;
    }

    /** Returns the log directory, which also contains the KRaft metadata log. */
    public Path logDir() {
        return logDir;
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader.
     *
     * <p>If the topic already exists with {@code partitions} partitions, this method only waits for the
     * leaders and leaves the existing topic configs unchanged.
     *
     * @throws IllegalStateException if the topic exists with another partition count, or the broker is closed
     * @throws KafkaException        if creation fails or does not finish within 30 s
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configs, "configs");
        if (partitions < 1) {
            throw new IllegalArgumentException("Partition count of topic " + name + " must be at least 1, was "
                    + partitions);
        }
        if (closed.get()) {
            throw new IllegalStateException("Cannot create topic " + name + ": the embedded Kafka broker at "
                    + bootstrapServers() + " is closed");
        }

        long deadlineNanos = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        try {
            admin.createTopics(List.of(topic)).all().get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("Created topic {} with {} partitions", name, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("Failed to create topic " + name + ": " + e.getCause(), e.getCause());
            }
            // The existing topic is checked by awaitPartitionLeaders below.
        } catch (TimeoutException e) {
            throw new KafkaException("Timed out after " + TOPIC_TIMEOUT.toMillis() + " ms creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating topic " + name, e);
        }
        awaitPartitionLeaders(name, partitions, deadlineNanos);
    }

    /**
     * Stops the server, waiting at most the shutdown timeout, then deletes the temporary log directory.
     * Calls after the first return immediately. A log directory given by the caller is kept.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down, so the hook runs anyway and its close() call returns at once.
            }
        }

        long startNanos = System.nanoTime();
        LOG.info("Stopping embedded Kafka broker at {}", bootstrapServers());
        Utils.closeQuietly(() -> admin.close(Duration.ofSeconds(5)), "embedded broker admin client", LOG);
        boolean stopped = stopServer(server, shutdownTimeout);
        if (!stopped) {
            LOG.error("Embedded Kafka broker at {} did not stop within {} ms; keeping log directory {}"
                    + " because the broker may still write to it", bootstrapServers(), shutdownTimeout.toMillis(),
                    logDir);
            return;
        }
        if (deleteLogDirOnClose) {
            deleteDirectory(logDir);
        }
        LOG.info("Stopped embedded Kafka broker at {} in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private void awaitPartitionLeaders(String name, int partitions, long deadlineNanos) {
        Throwable lastError = null;
        while (System.nanoTime() < deadlineNanos) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name);
                int existingPartitions = description.partitions().size();
                if (existingPartitions != partitions) {
                    throw new IllegalStateException("Topic " + name + " already exists with " + existingPartitions
                            + " partitions, but " + partitions + " were requested");
                }
                boolean allHaveLeaders = description.partitions().stream().map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (allHaveLeaders) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new KafkaException("Failed to describe topic " + name + ": " + e.getCause(), e.getCause());
                }
                lastError = e.getCause();
            } catch (TimeoutException e) {
                lastError = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while waiting for the partition leaders of topic " + name, e);
            }
            sleep(POLL_INTERVAL_MS);
        }
        throw new KafkaException("Timed out after " + TOPIC_TIMEOUT.toMillis() + " ms waiting for every partition"
                + " of topic " + name + " to have a leader", lastError);
    }

    private static EmbeddedKafkaBroker start(Builder builder) {
        if (builder.port != 0) {
            checkPortFree(builder.port);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(builder);
            } catch (KafkaException e) {
                if (!causedByBindFailure(e) || attempt >= MAX_BIND_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Embedded Kafka broker failed to bind a port that was free a moment ago"
                        + " (attempt {} of {}); retrying with other ports", attempt, MAX_BIND_ATTEMPTS, e);
            }
        }
    }

    private static EmbeddedKafkaBroker startOnce(Builder builder) {
        long startNanos = System.nanoTime();
        int[] freePorts = findFreePorts(2);
        int brokerPort = builder.port != 0 ? builder.port : freePorts[0];
        int controllerPort = freePorts[1];
        boolean temporaryDir = builder.logDir == null;
        Path logDir = temporaryDir ? createTemporaryDirectory() : builder.logDir;

        KafkaRaftServer server = null;
        Admin admin = null;
        try {
            Properties props = BrokerProperties.create(brokerPort, controllerPort, logDir,
                    builder.startupTimeout.toMillis(), builder.brokerConfigs);
            KafkaConfig config = new KafkaConfig(props, false);
            formatStorageIfNeeded(logDir, props);

            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrapServers = BrokerProperties.HOST + ":" + brokerPort;
            admin = createAdmin(bootstrapServers);
            awaitBrokerReady(admin, bootstrapServers, startNanos + builder.startupTimeout.toNanos(),
                    builder.startupTimeout);

            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, admin, brokerPort, controllerPort, logDir,
                    temporaryDir, builder.shutdownTimeout);
            if (builder.closeOnJvmShutdown) {
                Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
            }
            LOG.info("Started embedded Kafka broker at {} in {} ms (log directory {})", bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), logDir);
            return broker;
        } catch (RuntimeException e) {
            // The caller receives the exception with its stack trace; this line adds the ports and directory.
            LOG.error("Failed to start embedded Kafka broker on 127.0.0.1:{} (controller port {},"
                    + " log directory {}): {}", brokerPort, controllerPort, logDir, e.toString());
            if (admin != null) {
                Admin startedAdmin = admin;
                Utils.closeQuietly(() -> startedAdmin.close(Duration.ZERO), "embedded broker admin client", LOG);
            }
            boolean stopped = server == null || stopServer(server, builder.shutdownTimeout);
            if (temporaryDir && stopped) {
                deleteDirectory(logDir);
            }
            if (e instanceof KafkaException) {
                throw e;
            }
            throw new KafkaException("Failed to start embedded Kafka broker on 127.0.0.1:" + brokerPort + ": " + e, e);
        }
    }

    /**
     * Formats {@code logDir} as the broker's log and metadata directory with a new cluster id, unless it
     * already contains {@code meta.properties} from an earlier run.
     *
     * <p>This runs the {@code format} command of {@code kafka.tools.StorageTool} (the tool behind
     * {@code kafka-storage.sh}) in this JVM. The tool reads the server config from a file, so the properties
     * are written to a temporary file first. The tool formats with the latest production metadata version.
     */
    private static void formatStorageIfNeeded(Path logDir, Properties serverProperties) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            LOG.info("Reusing formatted log directory {}", logDir);
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream toolOutput = new ByteArrayOutputStream();
        Path configFile = null;
        try {
            configFile = Files.createTempFile("momo-kafka-server-", ".properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                serverProperties.store(out, "Embedded Kafka broker, used once to format " + logDir);
            }
            String[] arguments = {"format", "--cluster-id", clusterId, "--config", configFile.toString()};
            int exitCode = StorageTool.execute(arguments, new PrintStream(toolOutput, true, StandardCharsets.UTF_8));
            if (exitCode != 0) {
                throw new KafkaException("Failed to format log directory " + logDir + ": storage tool exited with "
                        + exitCode + ": " + toolOutput.toString(StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write the server config for formatting " + logDir, e);
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            // The tool reports invalid settings or an already formatted directory by throwing.
            throw new KafkaException("Failed to format log directory " + logDir + ": " + e.getMessage(), e);
        } finally {
            if (configFile != null) {
                try {
                    Files.deleteIfExists(configFile);
                } catch (IOException e) {
                    LOG.warn("Failed to delete temporary server config file {}", configFile, e);
                }
            }
        }
        LOG.debug("Formatted log directory {} for cluster {}: {}", logDir, clusterId,
                toolOutput.toString(StandardCharsets.UTF_8).trim());
    }

    private static Admin createAdmin(String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-broker-admin");
        return Admin.create(config);
    }

    /** Waits until {@code describeCluster} lists the broker, which excludes fenced brokers. */
    private static void awaitBrokerReady(Admin admin, String bootstrapServers, long deadlineNanos,
                                         Duration startupTimeout) {
        Throwable lastError = null;
        while (true) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            if (remainingMs <= 0) {
                break;
            }
            try {
                int requestTimeoutMs = (int) Math.min(remainingMs, 5_000);
                DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs(requestTimeoutMs);
                if (!admin.describeCluster(options).nodes().get().isEmpty()) {
                    return;
                }
            } catch (ExecutionException e) {
                lastError = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while waiting for the embedded Kafka broker at "
                        + bootstrapServers + " to become ready", e);
            }
            sleep(POLL_INTERVAL_MS);
        }
        throw new KafkaException("Embedded Kafka broker at " + bootstrapServers + " was not ready within "
                + startupTimeout.toMillis() + " ms" + (lastError == null ? "" : ": " + lastError), lastError);
    }

    /**
     * Shuts the server down on a separate daemon thread, so that this method returns after at most
     * {@code timeout} even when the shutdown hangs.
     *
     * @return whether the server stopped within {@code timeout}
     */
    private static boolean stopServer(KafkaRaftServer server, Duration timeout) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "embedded-kafka-broker-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted while waiting for the embedded Kafka broker to stop", e);
            return false;
        }
        if (failure.get() != null) {
            LOG.error("Embedded Kafka broker failed to shut down cleanly", failure.get());
        }
        return !stopper.isAlive();
    }

    /**
     * Finds {@code count} distinct free ports on 127.0.0.1 by binding port 0. Another process may take a port
     * before the broker binds it, which {@link #start(Builder)} handles by retrying.
     */
    private static int[] findFreePorts(int count) {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getByName(BrokerProperties.HOST));
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free port on " + BrokerProperties.HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    Utils.closeQuietly(socket, "port probe socket", LOG);
                }
            }
        }
    }

    private static void checkPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(BrokerProperties.HOST), port));
        } catch (IOException e) {
            throw new KafkaException("Port " + port + " on " + BrokerProperties.HOST + " is not available for the"
                    + " embedded Kafka broker (" + e.getMessage() + "). Choose another port, or 0 for any free port.",
                    e);
        }
    }

    private static boolean causedByBindFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("momo-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a temporary log directory for the embedded Kafka broker",
                    e);
        }
    }

    private static void deleteDirectory(Path directory) {
        try {
            Utils.delete(directory.toFile());
        } catch (IOException e) {
            LOG.error("Failed to delete log directory {} of the embedded Kafka broker", directory, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while waiting for the embedded Kafka broker", e);
        }
    }

    /** Builder of an {@link EmbeddedKafkaBroker}. Its {@link #start()} method starts the broker. */
    public static final class Builder {

        private int port;
        private Path logDir;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private final Map<String, String> brokerConfigs = new LinkedHashMap<>();
        private boolean closeOnJvmShutdown = true;

        private Builder() {
        }

        /** Sets the port of the broker listener on 127.0.0.1. The default, 0, picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Port must be between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Sets a log directory that the caller owns: it is formatted when it contains no
         * {@code meta.properties}, reused with its topics and records otherwise, and kept by
         * {@link EmbeddedKafkaBroker#close()}. {@code null} (the default) means a temporary directory that
         * close() deletes.
         */
        public Builder logDir(Path logDir) {
            this.logDir = logDir;
            return this;
        }

        /** Sets the maximum time from start until the broker accepts requests; default 60 s. */
        /**
         * Whether a JVM shutdown hook closes the broker (default true). Turn it off when the caller stops
         * the broker itself on shutdown, after the clients that use it: a broker closed first makes Kafka
         * Streams wait for its close timeout.
         */
        public Builder closeOnJvmShutdown(boolean enabled) {
            this.closeOnJvmShutdown = enabled;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = requirePositive(startupTimeout, "startupTimeout");
            return this;
        }

        /** Sets the maximum time that close() waits for the server to stop; default 30 s. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = requirePositive(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * Sets a broker config, overriding the embedded defaults. Keys that define listeners, roles, the node
         * id or the log directories are rejected.
         */
        public Builder brokerConfig(String key, String value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            BrokerProperties.checkOverridable(key);
            brokerConfigs.put(key, value);
            return this;
        }

        /**
         * Starts the broker and waits until it is ready.
         *
         * @throws KafkaException if the port is taken, the broker fails to start, or it is not ready within
         *                        the startup timeout
         */
        public EmbeddedKafkaBroker start() {
            if (logDir != null) {
                try {
                    Files.createDirectories(logDir);
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to create log directory " + logDir, e);
                }
            }
            return EmbeddedKafkaBroker.start(this);
        }

        private static Duration requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + duration);
            }
            return duration;
        }
    }
}
