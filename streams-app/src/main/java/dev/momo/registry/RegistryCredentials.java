package dev.momo.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Credentials that a request to one Schema Registry URL carries: none, HTTP Basic (RFC 7617) or a
 * bearer token (RFC 6750). The secret exists only inside the {@code Authorization} header value;
 * {@link #toString()} and {@link #kind()} name the scheme and never the user, password or token.
 */
public final class RegistryCredentials {

    /** Authentication scheme of the credentials. */
    public enum Kind {
        NONE, BASIC, BEARER
    }

    private static final RegistryCredentials NONE = new RegistryCredentials(Kind.NONE, null);

    private final Kind kind;
    private final String authorization;

    private RegistryCredentials(final Kind kind, final String authorization) {
        this.kind = kind;
        this.authorization = authorization;
    }

    /** Returns credentials that add no {@code Authorization} header. */
    public static RegistryCredentials none() {
        return NONE;
    }

    /**
     * Returns HTTP Basic credentials, sent as {@code Basic base64(user:password)} with the UTF-8 bytes
     * of {@code user:password}, the charset that RFC 7617 section 2.1 allows servers to announce.
     *
     * @throws IllegalArgumentException if the user is empty or contains ':', or either part contains a
     *     control character; the message does not quote either part
     */
    public static RegistryCredentials basic(final String user, final String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the basic auth user name is empty; expected user:password");
        }
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("the basic auth user name contains ':', which Basic authentication"
                    + " cannot carry because ':' separates the user from the password");
        }
        requireNoControlCharacters("basic auth user name", user);
        requireNoControlCharacters("basic auth password", password);
        final String pair = user + ":" + password;
        final String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        return new RegistryCredentials(Kind.BASIC, "Basic " + encoded);
    }

    /**
     * Returns bearer credentials, sent as {@code Bearer TOKEN}.
     *
     * @throws IllegalArgumentException if the token is blank, or contains a space or a character that
     *     an HTTP header cannot carry. The message does not quote the token.
     */
    public static RegistryCredentials bearer(final String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("the bearer token is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            final char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("the bearer token contains a space, a control character or a"
                        + " non-ASCII character at index " + i + ", which RFC 6750 tokens cannot contain (the token"
                        + " is not shown because it is a secret)");
            }
        }
        return new RegistryCredentials(Kind.BEARER, "Bearer " + token);
    }

    /** Returns the authentication scheme. */
    public Kind kind() {
        return kind;
    }

    /** Returns the value of the {@code Authorization} header, or empty for {@link Kind#NONE}. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /** Names the scheme only, for example {@code basic auth}, so that logs and messages never carry the secret. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "no auth";
            case BASIC -> "basic auth";
            case BEARER -> "bearer token";
        };
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof RegistryCredentials that && kind == that.kind
                && Objects.equals(authorization, that.authorization);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, authorization);
    }

    private static void requireNoControlCharacters(final String part, final String value) {
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("the " + part + " contains a control character at index " + i
                        + " (the value is not shown because it is part of a secret)");
            }
        }
    }
}
