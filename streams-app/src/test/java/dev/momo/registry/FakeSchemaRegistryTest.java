package dev.momo.registry;

import static dev.momo.registry.TestClients.userV1;
import static dev.momo.registry.TestClients.userV2Compatible;
import static dev.momo.registry.TestClients.userV2Incompatible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.momo.testing.FakeSchemaRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake server responds as the Confluent Schema Registry API reference documents: status codes, error
 * codes, bodies and media type. Other tests rely on this, the Node.js client test among them.
 */
class FakeSchemaRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final FakeSchemaRegistry fake = FakeSchemaRegistry.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void responsesUseVersionedMediaType() throws Exception {
        final HttpResponse<String> response = send("GET", "/subjects", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void unknownIdAnswers404With40403() throws Exception {
        final HttpResponse<String> response = send("GET", "/schemas/ids/7", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error_code").asInt()).isEqualTo(40403);
        assertThat(json(response).get("message").asText()).isEqualTo("Schema 7 not found");
    }

    @Test
    void reformattedSchemaKeepsItsId() throws Exception {
        final HttpResponse<String> first = send("POST", "/subjects/users-value/versions", schemaBody(userV1()), null);
        final String reformatted = userV1().toString(true);
        final HttpResponse<String> second = send("POST", "/subjects/users-value/versions",
                JSON.createObjectNode().put("schema", reformatted).toString(), null);

        assertThat(json(first).get("id").asInt()).isEqualTo(1);
        assertThat(json(second).get("id").asInt()).isEqualTo(1);
        assertThat(fake.schemaIds("users-value")).containsExactly(1);
    }

    @Test
    void invalidSchemaAnswers422With42201() throws Exception {
        final HttpResponse<String> response = send("POST", "/subjects/users-value/versions",
                JSON.createObjectNode().put("schema", "{\"type\":\"record\",\"name\":\"X\"}").toString(), null);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("error_code").asInt()).isEqualTo(42201);
    }

    @Test
    void nonAvroSchemaTypeAnswers42201() throws Exception {
        final HttpResponse<String> response = send("POST", "/subjects/users-value/versions",
                JSON.createObjectNode().put("schema", "syntax = \"proto3\";").put("schemaType", "PROTOBUF").toString(),
                null);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).get("message").asText()).contains("only AVRO");
    }

    @Test
    void incompatibleSchemaAnswers409With40901() throws Exception {
        fake.register("users-value", userV1());

        final HttpResponse<String> response = send("POST", "/subjects/users-value/versions",
                schemaBody(userV2Incompatible()), null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("error_code").asInt()).isEqualTo(40901);
        assertThat(json(response).get("message").asText()).contains("createdAt");
    }

    @Test
    void transitiveLevelChecksEveryVersion() {
        final Schema v3 = SchemaBuilder.record("User").namespace("dev.momo.test").fields()
                .requiredString("name")
                .requiredInt("age")
                .endRecord();
        fake.register("backward-value", userV1());
        fake.register("backward-value", userV2Compatible());
        fake.register("transitive-value", userV1());
        fake.register("transitive-value", userV2Compatible());
        fake.setCompatibility("transitive-value", "BACKWARD_TRANSITIVE");

        // v3 reads v2 data (age is there) but not v1 data (age is missing and has no default).
        assertThat(fake.register("backward-value", v3)).isPositive();
        assertThatThrownBy(() -> fake.register("transitive-value", v3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("error 40901");
    }

    @Test
    void forwardLevelAcceptsAddedRequiredField() {
        fake.register("users-value", userV1());
        fake.setCompatibility("FORWARD");

        assertThat(fake.register("users-value", userV2Incompatible())).isEqualTo(2);
    }

    @Test
    void unsupportedMediaTypeAnswers415() throws Exception {
        final HttpResponse<String> response = send("POST", "/subjects/users-value/versions", schemaBody(userV1()),
                "text/plain");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response).get("error_code").asInt()).isEqualTo(415);
    }

    @Test
    void plainJsonMediaTypeAccepted() throws Exception {
        final HttpResponse<String> response = send("POST", "/subjects/users-value/versions", schemaBody(userV1()),
                "application/json; charset=utf-8");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonAnswers400() throws Exception {
        final HttpResponse<String> response = send("POST", "/subjects/users-value/versions", "{\"schema\":", null);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownPathAndWrongMethodAnswer404And405() throws Exception {
        assertThat(send("GET", "/nothing/here", null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/schemas/ids/abc", null, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/schemas/ids/1", null, null).statusCode()).isEqualTo(405);
    }

    @Test
    void versionsListedAndFetched() throws Exception {
        fake.register("users-value", userV1());
        fake.register("users-value", userV2Compatible());

        assertThat(send("GET", "/subjects/users-value/versions", null, null).body()).isEqualTo("[1,2]");
        final JsonNode first = json(send("GET", "/subjects/users-value/versions/1", null, null));
        assertThat(first.get("subject").asText()).isEqualTo("users-value");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("id").asInt()).isEqualTo(1);
        assertThat(json(send("GET", "/subjects/users-value/versions/-1", null, null)).get("version").asInt())
                .isEqualTo(2);
    }

    @Test
    void versionErrorsUseConfluentCodes() throws Exception {
        fake.register("users-value", userV1());

        assertThat(json(send("GET", "/subjects/users-value/versions/9", null, null)).get("error_code").asInt())
                .isEqualTo(40402);
        assertThat(json(send("GET", "/subjects/users-value/versions/0", null, null)).get("error_code").asInt())
                .isEqualTo(42202);
        assertThat(json(send("GET", "/subjects/other-value/versions/1", null, null)).get("error_code").asInt())
                .isEqualTo(40401);
    }

    @Test
    void subjectConfigAbsentAnswers40408() throws Exception {
        final HttpResponse<String> response = send("GET", "/config/users-value", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("error_code").asInt()).isEqualTo(40408);
        assertThat(json(send("GET", "/config/users-value?defaultToGlobal=true", null, null))
                .get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    }

    @Test
    void subjectConfigPutThenGet() throws Exception {
        final HttpResponse<String> put = send("PUT", "/config/users-value",
                "{\"compatibility\":\"full_transitive\"}", null);

        assertThat(json(put).get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
        assertThat(json(send("GET", "/config/users-value", null, null)).get("compatibilityLevel").asText())
                .isEqualTo("FULL_TRANSITIVE");
        assertThat(json(send("GET", "/config", null, null)).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(json(send("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}", null)).get("error_code").asInt())
                .isEqualTo(42203);
    }

    @Test
    void compatibilityVerboseListsProblems() throws Exception {
        fake.register("users-value", userV1());

        final JsonNode result = json(send("POST", "/compatibility/subjects/users-value/versions/latest?verbose=true",
                schemaBody(userV2Incompatible()), null));

        assertThat(result.get("is_compatible").asBoolean()).isFalse();
        assertThat(result.get("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void authRequiredAnswers401WithChallenge() throws Exception {
        try (FakeSchemaRegistry secured = FakeSchemaRegistry.builder().basicAuth("momo", "pw").start()) {
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(secured.baseUrl()
                    + "/subjects")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"SchemaRegistry\"");
            assertThat(json(response).get("error_code").asInt()).isEqualTo(401);
        }
    }

    @Test
    void injectedFailuresApplyInOrder() throws Exception {
        fake.failNext(1, 500, 50001, "Error in the backend data store");

        final HttpResponse<String> failed = send("GET", "/subjects", null, null);
        final HttpResponse<String> next = send("GET", "/subjects", null, null);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).get("error_code").asInt()).isEqualTo(50001);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(fake.requests()).hasSize(2);
    }

    private HttpResponse<String> send(final String method, final String path, final String body,
                                      final String contentType) throws IOException, InterruptedException {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(fake.baseUrl() + path));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType == null ? FakeSchemaRegistry.CONTENT_TYPE : contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String schemaBody(final Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
