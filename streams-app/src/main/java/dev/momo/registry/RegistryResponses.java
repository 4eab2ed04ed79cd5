package dev.momo.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns Schema Registry responses and failures into results and {@link RegistryException}s.
 *
 * <p>Error responses of the Confluent API carry {@code {"error_code": 40403, "message": "Schema 7 not found"}}.
 * The error code refines the status: 40401 subject not found, 40402 version not found, 40403 schema not
 * found, 40408 no subject-level compatibility, 409 or 40901 incompatible schema, 42201 invalid schema,
 * 42202 invalid version, 50001 store error, 50002 operation timeout, 50003 forwarding to the leader failed
 * (Confluent Schema Registry's {@code Errors} class and API reference). Each message adds what to do next.
 */
final class RegistryResponses {

    /** Parsed error body: the Confluent error code (0 when absent) and message or body excerpt. */
    record ErrorBody(int code, String message) {
    }

    private RegistryResponses() {
    }

    /** Returns the JSON body of a 2xx response, or throws the error that the response stands for. */
    static JsonNode handle(final RegistryEndpoint endpoint, final RegistryTransport.Request request, final int status,
                           final String body, final String location, final ObjectMapper json) {
        if (status >= 200 && status < 300) {
            try {
                return json.readTree(body == null || body.isBlank() ? "null" : body);
            } catch (JsonProcessingException e) {
                throw new RegistryException("Schema Registry at " + endpoint.url() + " responded to " + request.describe()
                        + " with HTTP " + status + " and a body that is not JSON: '" + excerpt(body) + "'. Check that "
                        + RegistrySettings.URL_KEY + " points at the Schema Registry API; for Apicurio Registry that"
                        + " is its ccompat path, such as http://host:8080/apis/ccompat/v7.", status,
                        RegistryException.NO_ERROR_CODE, e);
            }
        }
        if (status >= 300 && status < 400) {
            throw new RegistryException("Schema Registry at " + endpoint.url() + " redirected " + request.describe()
                    + " with HTTP " + status + (location == null ? "" : " to "
                    + RegistrySettingsParser.hideUserInfo(location)) + ". This client follows no redirects; set "
                    + RegistrySettings.URL_KEY + " to the URL that serves the API.", status,
                    RegistryException.NO_ERROR_CODE, null);
        }
        final ErrorBody error = errorBody(body, json);
        throw new RegistryException("Schema Registry at " + endpoint.url() + " rejected " + request.describe()
                + " with HTTP " + status + summary(error) + ". " + hint(status, error.code()), status, error.code(), null);
    }

    /** Returns the error that a failure without retry (such as an untrusted certificate) stands for. */
    static RegistryException transportFailure(final RegistryEndpoint endpoint, final RegistryTransport.Request request,
                                              final String description, final int attempts, final Throwable cause) {
        return new RegistryException("Schema Registry request " + request.describe() + " to " + endpoint.url()
                + " failed on attempt " + attempts + ": " + description + ".", RegistryException.NO_RESPONSE,
                RegistryException.NO_ERROR_CODE, cause);
    }

    /** Returns the error after the last round ended with a retryable status. */
    static RegistryException exhausted(final RegistryEndpoint endpoint, final RegistryTransport.Request request,
                                       final int status, final String body, final int attempts, final String urls,
                                       final ObjectMapper json) {
        final ErrorBody error = errorBody(body, json);
        return new RegistryException("Schema Registry request " + request.describe() + " failed after " + attempts(attempts)
                + " on " + urls + "; the last, to " + endpoint.url() + ", got HTTP " + status + summary(error)
                + ". " + hint(status, error.code()) + " Raise " + RegistrySettings.MAX_RETRIES_KEY + " or "
                + RegistrySettings.MAX_RETRY_BACKOFF_KEY + " if the registry needs longer to recover.", status,
                error.code(), null);
    }

    /** Returns the error after the last round got no response from any URL. */
    static RegistryException unreachable(final RegistryEndpoint endpoint, final RegistryTransport.Request request,
                                         final String description, final int attempts, final String urls,
                                         final Throwable cause) {
        return new RegistryException("Schema Registry request " + request.describe() + " failed after " + attempts(attempts)
                + " on " + urls + "; the last, to " + endpoint.url() + ": " + description + ". Check that "
                + RegistrySettings.URL_KEY + " is right and the registry is running and reachable from this host; "
                + RegistrySettings.CONNECT_TIMEOUT_KEY + " and " + RegistrySettings.READ_TIMEOUT_KEY
                + " set the time limits.", RegistryException.NO_RESPONSE, RegistryException.NO_ERROR_CODE, cause);
    }

    private static String attempts(final int count) {
        return count == 1 ? "1 attempt" : count + " attempts";
    }

    /** Returns {@code ", error code C: message"} or {@code ": excerpt"} for a log line. */
    static String errorSummary(final String body, final ObjectMapper json) {
        return summary(errorBody(body, json));
    }

    static ErrorBody errorBody(final String body, final ObjectMapper json) {
        if (body == null || body.isBlank()) {
            return new ErrorBody(RegistryException.NO_ERROR_CODE, "");
        }
        try {
            final JsonNode node = json.readTree(body);
            if (node != null && node.isObject() && node.path("error_code").canConvertToInt()) {
                return new ErrorBody(node.get("error_code").asInt(), node.path("message").asText(""));
            }
        } catch (JsonProcessingException e) {
            // Not JSON, for example an HTML page from a proxy: the excerpt below shows it.
        }
        return new ErrorBody(RegistryException.NO_ERROR_CODE, excerpt(body));
    }

    /** Returns what to do about an error response. */
    static String hint(final int status, final int code) {
        return switch (code) {
            case 40401 -> "The subject has no registered schema: register one first, or check the subject name"
                    + " (topic, record name and the subject name strategy).";
            case 40402 -> "The subject has no such version.";
            case 40403 -> "The registry holds no such schema (for a lookup under a subject: the schema is not"
                    + " registered under that subject).";
            case 409, 40901 -> "The schema is incompatible with the versions already registered under the subject,"
                    + " by the subject's compatibility level: make the change compatible (for BACKWARD, add fields"
                    + " only with defaults and remove none without a default), or change the subject's level.";
            case 42201 -> "The registry rejected the schema as invalid.";
            case 42202 -> "The version is invalid; versions are whole numbers from 1, or 'latest'.";
            case 50001, 50002, 50003 -> "The registry failed internally; check its health and logs.";
            default -> statusHint(status);
        };
    }

    private static String statusHint(final int status) {
        return switch (status) {
            case 401 -> "Check the credentials: " + RegistrySettings.BASIC_AUTH_USER_INFO_KEY + " (with "
                    + RegistrySettings.BASIC_AUTH_SOURCE_KEY + "), the user info in " + RegistrySettings.URL_KEY
                    + ", or " + RegistrySettings.BEARER_AUTH_TOKEN_KEY + ".";
            case 403 -> "The credentials are valid but lack permission for this subject or operation; ask the"
                    + " registry's administrator for access.";
            case 404 -> "The path does not exist on this server: check that " + RegistrySettings.URL_KEY
                    + " points at the Schema Registry API; for Apicurio Registry that is its ccompat path, such as"
                    + " http://host:8080/apis/ccompat/v7.";
            case 406, 415 -> "The server does not accept the Schema Registry media types; check that "
                    + RegistrySettings.URL_KEY + " points at a Schema Registry.";
            case 429 -> "The registry limits the request rate; lower the request rate or ask for a higher limit.";
            default -> status >= 500 ? "The registry failed; check its health and logs."
                    : "Check the request against the registry's API documentation.";
        };
    }

    private static String summary(final ErrorBody error) {
        if (error.code() != RegistryException.NO_ERROR_CODE) {
            return ", error code " + error.code() + (error.message().isEmpty() ? "" : ": " + error.message());
        }
        return error.message().isEmpty() ? "" : ": " + error.message();
    }

    /** Returns the start of a body on one line, so that an HTML page does not flood a log. */
    static String excerpt(final String body) {
        if (body == null) {
            return "";
        }
        final String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= RegistryTransport.BODY_EXCERPT_CHARS ? line
                : line.substring(0, RegistryTransport.BODY_EXCERPT_CHARS) + "...";
    }
}
