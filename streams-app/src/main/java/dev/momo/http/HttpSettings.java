package dev.momo.http;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Address of one instance's HTTP server, and the address that the other instances of the application use
 * to reach it. The advertised address goes to Kafka Streams as {@code application.server}, which makes it
 * part of the metadata that interactive queries use to find the instance that hosts a key.
 *
 * @param host address to bind ({@value #HOST_KEY}, default {@value #DEFAULT_HOST})
 * @param port port to bind, 0 for any free port ({@value #PORT_KEY}, default {@value #DEFAULT_PORT})
 * @param advertised {@code host:port} of this instance for the other instances ({@value #ADVERTISED_KEY});
 *     null when the port is 0 and none is given, and then the instance reads its own stores only
 * @param token bearer token that every API request must carry ({@value #TOKEN_KEY}), and that the instance
 *     sends to the others when it forwards a request; null for an API open to whoever reaches the address.
 *     The console's static files need none: they hold no data, and the console asks the user for the token.
 */
public record HttpSettings(String host, int port, HostInfo advertised, String token) {

    public static final String HOST_KEY = "momo.http.host";
    public static final String PORT_KEY = "momo.http.port";
    public static final String ADVERTISED_KEY = "momo.http.advertised";
    public static final String TOKEN_KEY = "momo.http.token";
    /** Fewest characters of a token: shorter ones are guessed quickly. */
    public static final int MIN_TOKEN_LENGTH = 16;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    /** Keys that {@link #fromProperties(Map)} reads. */
    public static final Set<String> KEYS = Set.of(HOST_KEY, PORT_KEY, ADVERTISED_KEY, TOKEN_KEY);

    /** Loopback on the default port, advertised as {@code 127.0.0.1:8080}. */
    public static final HttpSettings DEFAULTS = new HttpSettings(DEFAULT_HOST, DEFAULT_PORT,
            new HostInfo(DEFAULT_HOST, DEFAULT_PORT), null);

    private static final Set<String> WILDCARD_HOSTS = Set.of("0.0.0.0", "::", "[::]", "*");

    /** Settings without a token. */
    public HttpSettings(final String host, final int port, final HostInfo advertised) {
        this(host, port, advertised, null);
    }

    public HttpSettings {
        if (token != null && (token.length() < MIN_TOKEN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("invalid " + TOKEN_KEY + " (" + token.length() + " characters, value"
                    + " not shown); use at least " + MIN_TOKEN_LENGTH + " printable ASCII characters without spaces,"
                    + " for example from 'openssl rand -hex 24'");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("HTTP host is missing; set " + HOST_KEY + " to an address such as "
                    + DEFAULT_HOST);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("invalid " + PORT_KEY + " '" + port + "'; expected 0 to 65535");
        }
        if (advertised != null && (advertised.port() < 1 || advertised.port() > 65_535)) {
            throw new IllegalArgumentException("invalid " + ADVERTISED_KEY + " port " + advertised.port()
                    + "; expected 1 to 65535");
        }
    }

    /**
     * Reads the settings from flat properties, with defaults for absent keys. Without
     * {@value #ADVERTISED_KEY}, the instance advertises {@code host:port}, unless the port is 0.
     *
     * @throws IllegalArgumentException naming the key and the value when a value is invalid, or when the host
     *     is a wildcard address such as 0.0.0.0 and no advertised address is given
     */
    public static HttpSettings fromProperties(final Map<String, String> values) {
        final String host = values.getOrDefault(HOST_KEY, DEFAULT_HOST).trim();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("invalid " + HOST_KEY + " ''; expected an address such as "
                    + DEFAULT_HOST);
        }
        final String portText = values.getOrDefault(PORT_KEY, String.valueOf(DEFAULT_PORT));
        final int port = parsePort(PORT_KEY, portText, portText, 0);

        final String tokenText = values.get(TOKEN_KEY);
        final String token = tokenText == null || tokenText.isBlank() ? null : tokenText.trim();
        final String advertisedText = values.get(ADVERTISED_KEY);
        if (advertisedText != null && !advertisedText.isBlank()) {
            return new HttpSettings(host, port, parseHostAndPort(advertisedText.trim()), token);
        }
        if (WILDCARD_HOSTS.contains(host)) {
            throw new IllegalArgumentException(HOST_KEY + " '" + host + "' listens on every address, so it cannot"
                    + " be advertised; set " + ADVERTISED_KEY + " to the host:port at which the other instances"
                    + " reach this one");
        }
        return new HttpSettings(host, port, port == 0 ? null : new HostInfo(host, port), token);
    }

    /** Names the token's presence, never its value, which would end up in logs. */
    @Override
    public String toString() {
        return "HttpSettings[host=" + host + ", port=" + port + ", advertised=" + applicationServer() + ", token="
                + (token == null ? "none" : "***") + "]";
    }

    /** Returns the value for Kafka Streams' {@code application.server}, or null when nothing is advertised. */
    public String applicationServer() {
        if (advertised == null) {
            return null;
        }
        final String advertisedHost = advertised.host();
        return (advertisedHost.indexOf(':') >= 0 ? "[" + advertisedHost + "]" : advertisedHost) + ":" + advertised.port();
    }

    /** Parses {@code host:port}, or {@code [ipv6]:port}, as the value of {@value #ADVERTISED_KEY}. */
    static HostInfo parseHostAndPort(final String text) {
        final int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("invalid " + ADVERTISED_KEY + " '" + text + "'; expected host:port"
                    + " such as momo-1.example.com:8080");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("invalid " + ADVERTISED_KEY + " '" + text + "'; write an IPv6"
                    + " address in brackets, such as [::1]:8080");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("invalid " + ADVERTISED_KEY + " '" + text + "'; the host is empty");
        }
        return new HostInfo(host, parsePort(ADVERTISED_KEY, text.substring(colon + 1), text, 1));
    }

    /** Parses {@code portText}. Error messages quote {@code value}, the whole value of {@code key}. */
    private static int parsePort(final String key, final String portText, final String value, final int min) {
        final String message = "invalid " + key + " '" + value + "'; expected a port number from " + min + " to 65535";
        final int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(message);
        }
        if (port < min || port > 65_535) {
            throw new IllegalArgumentException(message);
        }
        return port;
    }
}
