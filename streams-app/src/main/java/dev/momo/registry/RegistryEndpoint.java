package dev.momo.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One Schema Registry base URL and the credentials that requests to it carry.
 *
 * <p>The URL is http or https, has a host, no user info, query or fragment, and no trailing slash.
 * It may have a path, as registries that serve the Confluent API under a prefix need (Apicurio
 * Registry serves it under {@code /apis/ccompat/v7}). Request paths such as {@code /schemas/ids/1}
 * are appended to it, so the URL itself is safe to log.
 *
 * @param url base URL without user info
 * @param credentials what requests to this URL authenticate with
 */
public record RegistryEndpoint(URI url, RegistryCredentials credentials) {

    /** Validates the URL; the message shows the URL, which carries no user info by this contract. */
    public RegistryEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(credentials, "credentials");
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("invalid Schema Registry URL '" + url
                    + "': the scheme must be http or https");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("invalid Schema Registry URL '" + url + "': it has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a Schema Registry endpoint URL must not carry user info; pass the"
                    + " credentials separately");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("invalid Schema Registry URL '" + url
                    + "': it must not have a query or a fragment");
        }
        if (url.getRawPath() != null && url.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("invalid Schema Registry URL '" + url
                    + "': it must not end with '/'");
        }
    }

    /** Returns whether requests to this URL use TLS. */
    public boolean isHttps() {
        return url.getScheme().equalsIgnoreCase("https");
    }

    /** Returns the URL of {@code rawPath}, which starts with '/' and is already percent-encoded. */
    URI resolve(final String rawPath) {
        return URI.create(url + rawPath);
    }

    /** Shows the URL and the credential scheme, never the secret. */
    @Override
    public String toString() {
        return url + " (" + credentials + ")";
    }
}
