package dev.momo.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@link ReferenceProfile} JSON, in files and as topic values. */
public final class ProfileJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProfileJson() {
    }

    public static byte[] toBytes(final ReferenceProfile profile) {
        try {
            return MAPPER.writeValueAsBytes(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write profile of model " + profile.modelId(), e);
        }
    }

    /** Parses a profile, throwing {@link InvalidProfileException} with the reason when it is not one. */
    public static ReferenceProfile fromBytes(final byte[] json) {
        final ReferenceProfile profile;
        try {
            profile = MAPPER.readValue(json, ReferenceProfile.class);
        } catch (JsonMappingException e) {
            throw new InvalidProfileException("invalid value at " + path(e) + ": " + reason(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidProfileException("not a Momo reference profile: " + e.getOriginalMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidProfileException("not a Momo reference profile: " + e.getMessage(), e);
        }
        validate(profile);
        return profile;
    }

    public static void write(final ReferenceProfile profile, final Path file) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), profile);
    }

    public static ReferenceProfile read(final Path file) {
        try {
            return fromBytes(Files.readAllBytes(file));
        } catch (InvalidProfileException e) {
            throw new InvalidProfileException(file + " is not a usable profile: " + e.getMessage()
                    + "; build one with 'momo reference build'", e);
        } catch (NoSuchFileException e) {
            throw new InvalidProfileException("profile file not found: " + file
                    + "; build one with 'momo reference build'", e);
        } catch (IOException e) {
            throw new InvalidProfileException("cannot read profile file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void validate(final ReferenceProfile profile) {
        if (profile.formatVersion() == 0) {
            throw new InvalidProfileException("it has no formatVersion, so it was not written by 'momo reference build'");
        }
        if (profile.formatVersion() < 1 || profile.formatVersion() > ReferenceProfile.FORMAT_VERSION) {
            throw new InvalidProfileException("profile format version " + profile.formatVersion()
                    + " is not supported; this Momo reads versions 1 to " + ReferenceProfile.FORMAT_VERSION);
        }
        if (profile.modelId() == null || profile.modelId().isBlank()) {
            throw new InvalidProfileException("profile has no modelId");
        }
        if (profile.modelVersion() == null || profile.modelVersion().isBlank()) {
            throw new InvalidProfileException("profile of model " + profile.modelId() + " has no modelVersion");
        }
        if (profile.columns().isEmpty()) {
            throw new InvalidProfileException("profile of model " + profile.modelId() + " monitors no column");
        }
        try {
            ProfileChecks.check(profile);
        } catch (IllegalArgumentException e) {
            throw new InvalidProfileException("profile of model " + profile.modelId() + " version "
                    + profile.modelVersion() + " is inconsistent: " + e.getMessage(), e);
        }
    }

    /** The JSON path of a mapping error, such as {@code columns[2].numeric.binEdges}. */
    private static String path(final JsonMappingException e) {
        final StringBuilder path = new StringBuilder();
        for (final JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the top level" : path.toString();
    }

    /** The cause of a mapping error in a user's words: the message of our own check, else Jackson's first line. */
    private static String reason(final JsonMappingException e) {
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        final String original = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
        return original.lines().findFirst().orElse(original)
                .replaceAll("`[a-z.]*\\.([A-Za-z]+)`", "$1").replace("JsonToken.", "");
    }

}
