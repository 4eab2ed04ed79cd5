package dev.momo.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
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
    }

}
