package dev.momo.registry;

import static dev.momo.registry.TestClients.client;
import static dev.momo.registry.TestClients.userV1;
import static dev.momo.registry.TestClients.userV2Compatible;
import static dev.momo.registry.TestClients.userV2Incompatible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.serde.UnknownSchemaException;
import dev.momo.testing.FakeSchemaRegistry;
import dev.momo.testing.FakeSchemaRegistry.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests, responses and error mapping of {@link RestSchemaRegistry} against {@link FakeSchemaRegistry}. */
class RestSchemaRegistryTest {

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void registerReturnsIdThatServerStored() {
        final int id = client(fake.baseUrl()).register("users-value", userV1());

        assertThat(fake.subjects()).containsExactly("users-value");
        assertThat(fake.schemaIds("users-value")).containsExactly(id);
        assertThat(new Schema.Parser().parse(fake.schemaText(id).orElseThrow())).isEqualTo(userV1());
    }

    @Test
    void schemaByGuidFetchesOnceThenCaches() {
        final int id = fake.register("users-value", userV1());
        final RestSchemaRegistry registry = client(fake.baseUrl());

        assertThat(registry.schemaByGuid(fake.guid(id))).isEqualTo(userV1());
        assertThat(registry.schemaByGuid(fake.guid(id))).isEqualTo(userV1());
        assertThat(fake.requestCount("GET", "/schemas/guids/" + fake.guid(id))).isEqualTo(1);
    }

    @Test
    void schemaByUnknownGuidThrowsUnknownSchema() {
        final String guid = "0f8fad5b-d9cb-469f-a165-70867728950e";

        assertThatThrownBy(() -> client(fake.baseUrl()).schemaByGuid(guid))
                .isInstanceOf(dev.momo.serde.UnknownSchemaException.class).hasMessageContaining(guid);
    }

    @Test
    void registerSendsConfluentMediaTypeAndSchemaBody() throws Exception {
        client(fake.baseUrl()).register("users-value", userV1());

        final RecordedRequest request = fake.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/users-value/versions");
        assertThat(request.header("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
        assertThat(request.header("Accept").orElseThrow()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(new ObjectMapper().readTree(request.body()).get("schema").asText()).isEqualTo(userV1().toString());
    }

    @Test
    void registerSameSchemaUnderTwoSubjectsSameId() {
        final RestSchemaRegistry registry = client(fake.baseUrl());

        final int first = registry.register("users-value", userV1());
        final int second = registry.register("people-value", userV1());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void registerIncompatibleSchemaThrowsConflict() {
        final RestSchemaRegistry registry = client(fake.baseUrl());
        registry.register("users-value", userV1());

        final RegistryException error = catchThrowableOfType(
                () -> registry.register("users-value", userV2Incompatible()), RegistryException.class);

        assertThat(error.status()).isEqualTo(409);
        assertThat(error.errorCode()).isEqualTo(40901);
        assertThat(error.getMessage())
                .contains(fake.baseUrl())
                .contains("POST /subjects/users-value/versions")
                .contains("HTTP 409")
                .contains("incompatible with an earlier schema")
                .contains("add fields only with defaults");
    }

    @Test
    void schemaByIdReturnsSchemaRegisteredByOthers() {
        final int id = fake.register("users-value", userV1());

        assertThat(client(fake.baseUrl()).schemaById(id)).isEqualTo(userV1());
    }

    @Test
    void schemaByIdUnknownIdThrowsUnknownSchema() {
        final UnknownSchemaException error = catchThrowableOfType(
                () -> client(fake.baseUrl()).schemaById(99), UnknownSchemaException.class);

        assertThat(error.schemaId()).isEqualTo(99);
        assertThat(error.getMessage()).contains("no schema with id 99").contains("40403");
        assertThat(error.getCause()).isInstanceOf(RegistryException.class);
    }

    @Test
    void wrongBasePathNotUnknownSchema() {
        try (FakeSchemaRegistry apicurio = FakeSchemaRegistry.builder().basePath("/apis/ccompat/v7").start()) {
            final String root = apicurio.baseUrl().replace("/apis/ccompat/v7", "");

            final RegistryException error = catchThrowableOfType(() -> client(root).schemaById(1),
                    RegistryException.class);

            assertThat(error).isNotInstanceOf(UnknownSchemaException.class);
            assertThat(error.status()).isEqualTo(404);
            assertThat(error.getMessage()).contains("ccompat");
        }
    }

    @Test
    void basePathPrefixesEveryRequest() {
        try (FakeSchemaRegistry apicurio = FakeSchemaRegistry.builder().basePath("/apis/ccompat/v7").start()) {
            final RestSchemaRegistry registry = client(apicurio.baseUrl() + "/");

            final int id = registry.register("users-value", userV1());

            assertThat(registry.schemaById(id)).isEqualTo(userV1());
            assertThat(apicurio.requests().get(0).path()).isEqualTo("/apis/ccompat/v7/subjects/users-value/versions");
        }
    }

    @Test
    void lookUpIdFindsRegisteredSchema() {
        final int id = fake.register("users-value", userV1());

        assertThat(client(fake.baseUrl()).lookUpId("users-value", userV1())).isEqualTo(id);
        assertThat(fake.requestCount("POST", "/subjects/users-value")).isEqualTo(1);
    }

    @Test
    void lookUpIdUnregisteredSchemaNotFound() {
        fake.register("users-value", userV1());

        final RegistryException error = catchThrowableOfType(
                () -> client(fake.baseUrl()).lookUpId("users-value", userV2Compatible()), RegistryException.class);

        assertThat(error.status()).isEqualTo(404);
        assertThat(error.errorCode()).isEqualTo(40403);
        assertThat(error.getMessage()).contains("not registered under that subject");
    }

    @Test
    void lookUpIdUnknownSubjectNotFound() {
        final RegistryException error = catchThrowableOfType(
                () -> client(fake.baseUrl()).lookUpId("missing-value", userV1()), RegistryException.class);

        assertThat(error.errorCode()).isEqualTo(40401);
        assertThat(error.getMessage()).contains("Subject 'missing-value' not found").contains("subject name strategy");
    }

    @Test
    void latestVersionReturnsNewestVersion() {
        fake.register("users-value", userV1());
        final int secondId = fake.register("users-value", userV2Compatible());

        final RegisteredSchema latest = client(fake.baseUrl()).latestVersion("users-value");

        assertThat(latest.subject()).isEqualTo("users-value");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(secondId);
        assertThat(latest.schema()).isEqualTo(userV2Compatible());
    }

    @Test
    void latestVersionUnknownSubjectThrowsSubjectNotFound() {
        assertThatThrownBy(() -> client(fake.baseUrl()).latestVersion("missing-value"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("GET /subjects/missing-value/versions/latest")
                .hasMessageContaining("error code 40401");
    }

    @Test
    void isCompatibleAcceptsBackwardCompatibleChange() {
        fake.register("users-value", userV1());

        assertThat(client(fake.baseUrl()).isCompatible("users-value", userV2Compatible())).isTrue();
    }

    @Test
    void isCompatibleRejectsFieldWithoutDefault() {
        fake.register("users-value", userV1());

        assertThat(client(fake.baseUrl()).isCompatible("users-value", userV2Incompatible())).isFalse();
    }

    @Test
    void isCompatibleFollowsSubjectLevel() {
        fake.register("users-value", userV1());
        fake.setCompatibility("users-value", "NONE");

        assertThat(client(fake.baseUrl()).isCompatible("users-value", userV2Incompatible())).isTrue();
    }

    @Test
    void isCompatibleUnknownSubjectThrowsSubjectNotFound() {
        final RegistryException error = catchThrowableOfType(
                () -> client(fake.baseUrl()).isCompatible("missing-value", userV1()), RegistryException.class);

        assertThat(error.errorCode()).isEqualTo(40401);
    }

    @Test
    void subjectSlashEncodedInSegment() {
        final int id = client(fake.baseUrl()).register("team a/users-value", userV1());

        assertThat(fake.subjects()).containsExactly("team a/users-value");
        assertThat(fake.schemaIds("team a/users-value")).containsExactly(id);
        assertThat(fake.requests().get(0).path()).isEqualTo("/subjects/team%20a%2Fusers-value/versions");
    }

    @Test
    void encodeSegmentKeepsUnreservedCharacters() {
        assertThat(RestSchemaRegistry.encodeSegment("a-b_c.d~e")).isEqualTo("a-b_c.d%7Ee");
        assertThat(RestSchemaRegistry.encodeSegment("a+b*c é")).isEqualTo("a%2Bb%2Ac%20%C3%A9");
    }

    @Test
    void schemaByIdResolvesReferences() throws Exception {
        final String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"dev.momo.test\","
                + "\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";
        final String customer = "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"dev.momo.test\","
                + "\"fields\":[{\"name\":\"home\",\"type\":\"dev.momo.test.Address\"}]}";
        fake.register("address", address);
        final ObjectMapper json = new ObjectMapper();
        final var body = json.createObjectNode().put("schema", customer);
        body.putArray("references").addObject().put("name", "dev.momo.test.Address").put("subject", "address")
                .put("version", 1);
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(fake.baseUrl() + "/subjects/customer-value/versions"))
                .header("Content-Type", FakeSchemaRegistry.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        final int customerId = json.readTree(response.body()).get("id").asInt();

        final Schema schema = client(fake.baseUrl()).schemaById(customerId);

        assertThat(schema.getField("home").schema().getFullName()).isEqualTo("dev.momo.test.Address");
        assertThat(schema.getField("home").schema().getField("city")).isNotNull();
        assertThat(fake.requestCount("GET", "/subjects/address/versions/1")).isEqualTo(1);
    }

    @Test
    void blankSubjectRejected() {
        assertThatThrownBy(() -> client(fake.baseUrl()).register(" ", userV1()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject must not be blank");
        assertThat(fake.requests()).isEmpty();
    }
}
