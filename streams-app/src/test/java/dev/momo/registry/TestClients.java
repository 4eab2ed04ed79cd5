package dev.momo.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Clients with short back-off waits, and schemas whose versions are or are not BACKWARD compatible. */
final class TestClients {

    private TestClients() {
    }

    /**
     * Returns registry settings for {@code url} with back-off waits of 10 to 40 ms, so that retry tests
     * run fast, plus {@code pairs} (key, value, key, value, ...), which override those.
     */
    static Map<String, String> config(final String url, final String... pairs) {
        final Map<String, String> config = new HashMap<>();
        config.put(RegistrySettings.URL_KEY, url);
        config.put(RegistrySettings.RETRY_BACKOFF_KEY, "10");
        config.put(RegistrySettings.MAX_RETRY_BACKOFF_KEY, "40");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    static RestSchemaRegistry client(final String url, final String... pairs) {
        return new RestSchemaRegistry(RegistrySettings.parse(config(url, pairs)));
    }

    static RestSchemaRegistry client(final LongSupplier nanoClock, final String url, final String... pairs) {
        return new RestSchemaRegistry(RegistrySettings.parse(config(url, pairs)), nanoClock);
    }

    /** Returns a port on 127.0.0.1 that nothing listens on, right after a socket bound and released it. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Version 1 of a record: a required string {@code name}. */
    static Schema userV1() {
        return SchemaBuilder.record("User").namespace("dev.momo.test").fields()
                .requiredString("name")
                .endRecord();
    }

    /** Version 2 that adds an optional field with a default, readable over version 1 data (BACKWARD). */
    static Schema userV2Compatible() {
        return SchemaBuilder.record("User").namespace("dev.momo.test").fields()
                .requiredString("name")
                .name("age").type().intType().intDefault(0)
                .endRecord();
    }

    /** Version 2 that adds a required field without default, which cannot read version 1 data. */
    static Schema userV2Incompatible() {
        return SchemaBuilder.record("User").namespace("dev.momo.test").fields()
                .requiredString("name")
                .requiredLong("createdAt")
                .endRecord();
    }

    /** Returns a record named {@code name} with one required int field, so that each name is another schema. */
    static Schema record(final String name) {
        return SchemaBuilder.record(name).namespace("dev.momo.test").fields()
                .requiredInt("value")
                .endRecord();
    }
}
