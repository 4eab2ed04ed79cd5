package dev.momo.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads {@link RegistrySettings} from flat properties; {@link RegistrySettings} documents the keys.
 *
 * <p>Credentials follow Confluent's client, with one difference. When {@code basic.auth.credentials.source}
 * is absent, Confluent's client takes the credentials from the URL and silently ignores
 * {@code basic.auth.user.info}. This parser uses {@code USER_INFO} whenever {@code basic.auth.user.info}
 * is set, and rejects settings that name two sources of credentials, so that no credential is silently dropped.
 */
final class RegistrySettingsParser {

    static final String SOURCE_USER_INFO = "USER_INFO";
    static final String SOURCE_URL = "URL";
    static final String SOURCE_STATIC_TOKEN = "STATIC_TOKEN";

    /** The scheme and user info at the start of a URL, to hide the user info in messages. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");

    private RegistrySettingsParser() {
    }

    static RegistrySettings parse(final Map<String, String> properties) {
        final String urls = value(properties, RegistrySettings.URL_KEY);
        if (urls == null) {
            throw new IllegalArgumentException("missing " + RegistrySettings.URL_KEY
                    + "; set it to the Schema Registry URL, such as http://localhost:8081, or to a comma-separated list");
        }
        final List<URI> parsed = parseUrls(urls);
        final List<RegistryEndpoint> endpoints = endpoints(properties, parsed);

        final long retryBackoffMs = number(properties, RegistrySettings.RETRY_BACKOFF_KEY,
                RegistrySettings.DEFAULT_RETRY_BACKOFF.toMillis(), 0, "milliseconds");
        final long maxRetryBackoffMs = number(properties, RegistrySettings.MAX_RETRY_BACKOFF_KEY,
                Math.max(retryBackoffMs, RegistrySettings.DEFAULT_MAX_RETRY_BACKOFF.toMillis()), 0, "milliseconds");
        if (maxRetryBackoffMs < retryBackoffMs) {
            throw new IllegalArgumentException("invalid " + RegistrySettings.MAX_RETRY_BACKOFF_KEY + " '"
                    + maxRetryBackoffMs + "': it is shorter than " + RegistrySettings.RETRY_BACKOFF_KEY + " '"
                    + retryBackoffMs + "'; expected at least as many milliseconds");
        }

        return new RegistrySettings(
                endpoints,
                trustStore(properties),
                Duration.ofMillis(number(properties, RegistrySettings.CONNECT_TIMEOUT_KEY,
                        RegistrySettings.DEFAULT_CONNECT_TIMEOUT.toMillis(), 1, "milliseconds")),
                Duration.ofMillis(number(properties, RegistrySettings.READ_TIMEOUT_KEY,
                        RegistrySettings.DEFAULT_READ_TIMEOUT.toMillis(), 1, "milliseconds")),
                (int) number(properties, RegistrySettings.MAX_RETRIES_KEY, RegistrySettings.DEFAULT_MAX_RETRIES, 0,
                        "retries"),
                Duration.ofMillis(retryBackoffMs),
                Duration.ofMillis(maxRetryBackoffMs),
                Duration.ofSeconds(number(properties, RegistrySettings.LATEST_CACHE_TTL_KEY,
                        RegistrySettings.DEFAULT_LATEST_CACHE_TTL.toSeconds(), 0, "seconds")),
                (int) number(properties, RegistrySettings.CACHE_CAPACITY_KEY, RegistrySettings.DEFAULT_CACHE_CAPACITY,
                        1, "entries"));
    }

    /** Returns the URL with its user info replaced by {@code ***}, for messages. */
    static String hideUserInfo(final String url) {
        return USER_INFO.matcher(url).replaceFirst("$1***@");
    }

    private static List<URI> parseUrls(final String urls) {
        final List<URI> parsed = new ArrayList<>();
        final String[] entries = urls.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            final String entry = entries[i].trim();
            final String where = entries.length == 1 ? "" : " (entry " + (i + 1) + " of " + entries.length + ")";
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("invalid " + RegistrySettings.URL_KEY + where
                        + ": the entry is empty; expected comma-separated URLs such as http://registry-1:8081,http://registry-2:8081");
            }
            if (entry.regionMatches(true, 0, "mock://", 0, "mock://".length())) {
                throw new IllegalArgumentException("invalid " + RegistrySettings.URL_KEY + " '" + entry + "'" + where
                        + ": mock:// selects the in-memory registry, which SchemaRegistries.forConfig creates,"
                        + " and cannot be mixed with http or https URLs");
            }
            final URI uri;
            try {
                uri = new URI(entry);
            } catch (URISyntaxException e) {
                // The reason, not the message: the message quotes the input, which may carry user info.
                throw new IllegalArgumentException("invalid " + RegistrySettings.URL_KEY + " '" + hideUserInfo(entry)
                        + "'" + where + ": " + e.getReason() + " at index " + e.getIndex());
            }
            parsed.add(uri);
        }
        return parsed;
    }

    private static List<RegistryEndpoint> endpoints(final Map<String, String> properties, final List<URI> urls) {
        final String basicSource = upper(value(properties, RegistrySettings.BASIC_AUTH_SOURCE_KEY));
        final String userInfo = value(properties, RegistrySettings.BASIC_AUTH_USER_INFO_KEY);
        final String bearerSource = upper(value(properties, RegistrySettings.BEARER_AUTH_SOURCE_KEY));
        final String token = value(properties, RegistrySettings.BEARER_AUTH_TOKEN_KEY);
        final boolean urlHasUserInfo = urls.stream().anyMatch(uri -> uri.getRawUserInfo() != null);

        if (bearerSource != null && !bearerSource.equals(SOURCE_STATIC_TOKEN)) {
            throw new IllegalArgumentException("unsupported " + RegistrySettings.BEARER_AUTH_SOURCE_KEY + " '"
                    + bearerSource + "'; this client supports only " + SOURCE_STATIC_TOKEN + ", with the token in "
                    + RegistrySettings.BEARER_AUTH_TOKEN_KEY);
        }
        if (bearerSource != null && token == null) {
            throw new IllegalArgumentException("missing " + RegistrySettings.BEARER_AUTH_TOKEN_KEY + ": "
                    + RegistrySettings.BEARER_AUTH_SOURCE_KEY + " is " + bearerSource + ", so set the token");
        }
        if (token != null) {
            if (basicSource != null || userInfo != null || urlHasUserInfo) {
                throw new IllegalArgumentException("conflicting Schema Registry credentials: "
                        + RegistrySettings.BEARER_AUTH_TOKEN_KEY + " is set, and so is basic auth ("
                        + basicSettingsInUse(basicSource, userInfo, urlHasUserInfo) + "); keep one of them");
            }
            final RegistryCredentials bearer = credentials(RegistrySettings.BEARER_AUTH_TOKEN_KEY,
                    () -> RegistryCredentials.bearer(token));
            return urls.stream().map(uri -> new RegistryEndpoint(withoutUserInfo(uri), bearer)).toList();
        }

        String source = basicSource;
        if (source == null) {
            source = userInfo != null ? SOURCE_USER_INFO : SOURCE_URL;
        }
        return switch (source) {
            case SOURCE_USER_INFO -> userInfoEndpoints(urls, userInfo, urlHasUserInfo);
            case SOURCE_URL -> urlEndpoints(urls, userInfo);
            default -> throw new IllegalArgumentException("unsupported " + RegistrySettings.BASIC_AUTH_SOURCE_KEY
                    + " '" + source + "'; expected " + SOURCE_USER_INFO + " (credentials in "
                    + RegistrySettings.BASIC_AUTH_USER_INFO_KEY + ") or " + SOURCE_URL
                    + " (credentials in the URL, as in https://user:password@registry:8081)"
                    + (source.equals("SASL_INHERIT") ? "; SASL_INHERIT is not supported" : ""));
        };
    }

    private static List<RegistryEndpoint> userInfoEndpoints(final List<URI> urls, final String userInfo,
                                                            final boolean urlHasUserInfo) {
        if (userInfo == null) {
            throw new IllegalArgumentException("missing " + RegistrySettings.BASIC_AUTH_USER_INFO_KEY + ": "
                    + RegistrySettings.BASIC_AUTH_SOURCE_KEY + " is " + SOURCE_USER_INFO
                    + ", so set it to user:password");
        }
        if (urlHasUserInfo) {
            throw new IllegalArgumentException("conflicting Schema Registry credentials: "
                    + RegistrySettings.BASIC_AUTH_USER_INFO_KEY + " is set and " + RegistrySettings.URL_KEY
                    + " carries user info too; remove the user info from the URL, or set "
                    + RegistrySettings.BASIC_AUTH_SOURCE_KEY + "=" + SOURCE_URL + " and remove "
                    + RegistrySettings.BASIC_AUTH_USER_INFO_KEY);
        }
        final RegistryCredentials basic = basicFromPair(RegistrySettings.BASIC_AUTH_USER_INFO_KEY, userInfo, false);
        return urls.stream().map(uri -> new RegistryEndpoint(withoutUserInfo(uri), basic)).toList();
    }

    private static List<RegistryEndpoint> urlEndpoints(final List<URI> urls, final String userInfo) {
        if (userInfo != null) {
            throw new IllegalArgumentException(RegistrySettings.BASIC_AUTH_USER_INFO_KEY + " is set, but "
                    + RegistrySettings.BASIC_AUTH_SOURCE_KEY + " is " + SOURCE_URL
                    + ", which takes the credentials from the URL; set the source to " + SOURCE_USER_INFO
                    + " or remove " + RegistrySettings.BASIC_AUTH_USER_INFO_KEY);
        }
        final List<RegistryEndpoint> endpoints = new ArrayList<>();
        for (final URI uri : urls) {
            final RegistryCredentials credentials = uri.getRawUserInfo() == null
                    ? RegistryCredentials.none()
                    : basicFromPair(RegistrySettings.URL_KEY, uri.getRawUserInfo(), true);
            endpoints.add(new RegistryEndpoint(withoutUserInfo(uri), credentials));
        }
        return endpoints;
    }

    /** Parses {@code user:password}, split at the first ':', percent-decoding both parts if they come from a URL. */
    private static RegistryCredentials basicFromPair(final String key, final String pair, final boolean fromUrl) {
        final int colon = pair.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid " + (fromUrl ? "user info in " : "") + key
                    + ": expected user:password with a ':' between them (the value is not shown because it is a secret)");
        }
        final String user = fromUrl ? decode(pair.substring(0, colon)) : pair.substring(0, colon);
        final String password = fromUrl ? decode(pair.substring(colon + 1)) : pair.substring(colon + 1);
        return credentials(key, () -> RegistryCredentials.basic(user, password));
    }

    private static String decode(final String part) {
        // URLDecoder turns '+' into a space, which is form encoding, not URL user info encoding.
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static RegistryCredentials credentials(final String key,
                                                   final Supplier<RegistryCredentials> factory) {
        try {
            return factory.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + key + ": " + e.getMessage(), e);
        }
    }

    private static String basicSettingsInUse(final String source, final String userInfo, final boolean urlHasUserInfo) {
        final List<String> inUse = new ArrayList<>();
        if (source != null) {
            inUse.add(RegistrySettings.BASIC_AUTH_SOURCE_KEY);
        }
        if (userInfo != null) {
            inUse.add(RegistrySettings.BASIC_AUTH_USER_INFO_KEY);
        }
        if (urlHasUserInfo) {
            inUse.add("user info in " + RegistrySettings.URL_KEY);
        }
        return String.join(", ", inUse);
    }

    private static URI withoutUserInfo(final URI uri) {
        final String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        final String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        final String host = uri.getHost();
        if (scheme == null || host == null || (!scheme.equals("http") && !scheme.equals("https"))) {
            throw new IllegalArgumentException("invalid " + RegistrySettings.URL_KEY + " '"
                    + hideUserInfo(uri.toString()) + "': expected an http or https URL with a host, such as"
                    + " http://localhost:8081");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("invalid " + RegistrySettings.URL_KEY + " '"
                    + hideUserInfo(uri.toString()) + "': remove the query or fragment; a base URL has neither");
        }
        return URI.create(scheme + "://" + host + port + path);
    }

    private static Optional<TrustStoreSettings> trustStore(final Map<String, String> properties) {
        final String location = value(properties, RegistrySettings.TRUSTSTORE_LOCATION_KEY);
        final String password = properties.get(RegistrySettings.TRUSTSTORE_PASSWORD_KEY);
        final String type = value(properties, RegistrySettings.TRUSTSTORE_TYPE_KEY);
        if (location == null) {
            if (password != null || type != null) {
                throw new IllegalArgumentException("missing " + RegistrySettings.TRUSTSTORE_LOCATION_KEY + ": "
                        + (password != null ? RegistrySettings.TRUSTSTORE_PASSWORD_KEY
                        : RegistrySettings.TRUSTSTORE_TYPE_KEY) + " is set, so give the trust store file too");
            }
            return Optional.empty();
        }
        final Path file = Path.of(location);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("invalid " + RegistrySettings.TRUSTSTORE_LOCATION_KEY + " '" + location
                    + "': no readable file there");
        }
        final String storeType = type == null ? RegistrySettings.DEFAULT_TRUSTSTORE_TYPE : type.toUpperCase(Locale.ROOT);
        if (!TrustStoreSettings.TYPES.contains(storeType)) {
            throw new IllegalArgumentException("invalid " + RegistrySettings.TRUSTSTORE_TYPE_KEY + " '" + type
                    + "'; expected PKCS12 or JKS");
        }
        return Optional.of(new TrustStoreSettings(file, password == null ? "" : password, storeType));
    }

    private static long number(final Map<String, String> properties, final String key, final long fallback,
                               final long minimum, final String unit) {
        final String text = value(properties, key);
        if (text == null) {
            return fallback;
        }
        final long parsed;
        try {
            parsed = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + key + " '" + text + "'; expected a whole number of "
                    + unit + ", at least " + minimum);
        }
        if (parsed < minimum || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid " + key + " '" + text + "'; expected " + minimum + " to "
                    + Integer.MAX_VALUE + " " + unit);
        }
        return parsed;
    }

    /** Returns the trimmed value, or null when the key is absent or blank. */
    private static String value(final Map<String, String> properties, final String key) {
        final String raw = properties.get(key);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.trim();
    }

    private static String upper(final String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
