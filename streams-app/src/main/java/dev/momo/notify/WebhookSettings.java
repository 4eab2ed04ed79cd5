package dev.momo.notify;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One named webhook: the URL that receives alerts as JSON POST requests, which alerts it receives,
 * and how delivery is retried. Immutable and validated at construction.
 *
 * <p>{@link #parse(Map)} reads the settings from flat properties:
 * <pre>{@code
 * momo.webhooks=pager,chat
 * momo.webhook.pager.url=https://pager.example.com/momo
 * momo.webhook.pager.severities=critical
 * momo.webhook.chat.url=https://chat.example.com/hooks/momo
 * }</pre>
 * Each webhook accepts {@code url} (required), {@code severities}, {@code states}, {@code timeout},
 * {@code max-attempts}, {@code backoff}, {@code max-backoff}, {@code authorization} and
 * {@code queue-capacity}. Without {@code momo.webhooks}, the keys {@code momo.webhook.url},
 * {@code momo.webhook.timeout} and so on define one webhook named {@code default}.
 *
 * <p>The authorization value is a secret: {@link #toString()} and every exception leave it out, and
 * {@link #displayUrl()} drops the user info and query of the URL, which may carry tokens too.
 *
 * @param name name of the webhook in logs and dead-letter records; letters, digits, '-' and '_'
 * @param url http or https URL that receives a POST per alert; it carries no user info
 * @param severities severities to send, at least one
 * @param states alert states to send, at least one
 * @param timeout time limit of one attempt, from connecting to reading the response; positive
 * @param maxAttempts attempts per alert, counting the first; at least 1
 * @param backoff wait after the first failed attempt, doubled after each further failure; positive
 * @param maxBackoff upper limit of any wait between attempts, Retry-After included; at least {@code backoff}
 * @param authorization value of the Authorization header, if the receiver needs one
 * @param queueCapacity alerts that may wait for delivery, at least 1. An alert that arrives at a
 *     full queue goes to the dead-letter file at once.
 */
public record WebhookSettings(
        String name,
        URI url,
        Set<AlertSeverity> severities,
        Set<AlertState> states,
        Duration timeout,
        int maxAttempts,
        Duration backoff,
        Duration maxBackoff,
        Optional<String> authorization,
        int queueCapacity) {

    /** Name of the webhook that the keys without a name, such as {@code momo.webhook.url}, define. */
    public static final String DEFAULT_NAME = "default";
    public static final Set<AlertSeverity> DEFAULT_SEVERITIES =
            Collections.unmodifiableSet(EnumSet.allOf(AlertSeverity.class));
    public static final Set<AlertState> DEFAULT_STATES =
            Collections.unmodifiableSet(EnumSet.of(AlertState.OPENED, AlertState.RESOLVED));
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

    static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_-]+");

    /** Validates every component. Messages name the component and never show the authorization value. */
    public WebhookSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(severities, "severities");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(authorization, "authorization");
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid webhook name '" + name
                    + "'; expected letters, digits, '-' and '_' only");
        }
        final String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            throw new IllegalArgumentException("invalid url '" + displayUrl(url) + "' of webhook '" + name + "': "
                    + urlProblem);
        }
        if (severities.isEmpty() || states.isEmpty()) {
            throw new IllegalArgumentException("webhook '" + name + "' has no severities " + severities
                    + " or no states " + states + "; it would never send an alert");
        }
        requirePositive(name, "timeout", timeout);
        requirePositive(name, "backoff", backoff);
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " of webhook '" + name
                    + "' is shorter than backoff " + backoff + "; expected maxBackoff >= backoff");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts + " of webhook '" + name
                    + "' must be at least 1");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity " + queueCapacity + " of webhook '" + name
                    + "' must be at least 1");
        }
        if (authorization.isPresent() && authorizationProblem(authorization.get()) != null) {
            throw new IllegalArgumentException("invalid authorization of webhook '" + name + "': "
                    + authorizationProblem(authorization.get()));
        }
        severities = Collections.unmodifiableSet(EnumSet.copyOf(severities));
        states = Collections.unmodifiableSet(EnumSet.copyOf(states));
    }

    /**
     * Parses the webhooks that the properties define, in the order {@code momo.webhooks} lists them.
     * Keys outside {@code momo.webhooks} and {@code momo.webhook.*} are ignored. Returns an empty list
     * when no webhook is configured.
     *
     * @throws IllegalArgumentException for a missing URL, a value out of range, an unknown
     *     {@code momo.webhook.*} key, or a key of a webhook that {@code momo.webhooks} does not list;
     *     the message names the key, the value (except an authorization value) and what is allowed
     */
    public static List<WebhookSettings> parse(final Map<String, String> properties) {
        return WebhookSettingsParser.parse(properties);
    }

    /**
     * Returns every key that the webhooks named in the properties accept: {@code momo.webhooks}, the
     * keys of the {@code default} webhook, and the keys of each webhook that {@code momo.webhooks}
     * lists. A configuration loader can look up environment overrides for these keys. It does not
     * validate the properties; {@link #parse(Map)} does.
     */
    public static Set<String> keys(final Map<String, String> properties) {
        return WebhookSettingsParser.keys(properties);
    }

    /** Returns whether the key belongs to webhook settings, so that {@link #parse(Map)} validates it. */
    public static boolean isWebhookKey(final String key) {
        return WebhookSettingsParser.isWebhookKey(key);
    }

    /** Returns the URL without user info, query and fragment, for logs and dead-letter records. */
    public String displayUrl() {
        return displayUrl(url);
    }

    /** Returns whether an alert of this severity and state goes to this webhook. */
    public boolean accepts(final AlertSeverity severity, final AlertState state) {
        return severities.contains(severity) && states.contains(state);
    }

    /** Describes the settings without the authorization value, which only shows as set or not. */
    @Override
    public String toString() {
        return "WebhookSettings[name=" + name + ", url=" + displayUrl() + ", severities=" + severities
                + ", states=" + states + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts
                + ", backoff=" + backoff + ", maxBackoff=" + maxBackoff
                + ", authorization=" + (authorization.isPresent() ? "(set)" : "(none)")
                + ", queueCapacity=" + queueCapacity + "]";
    }

    static String displayUrl(final URI url) {
        final String scheme = url.getScheme() == null ? "" : url.getScheme() + "://";
        final String host = url.getHost() == null ? "" : url.getHost();
        final String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        final String path = url.getRawPath() == null ? "" : url.getRawPath();
        return scheme + host + port + path;
    }

    /** Returns what is wrong with the URL as a webhook target, or null if nothing is. */
    static String urlProblem(final URI url) {
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "the scheme must be http or https, as in https://alerts.example.com/momo";
        }
        if (url.getHost() == null) {
            return "the URL has no valid host name, as in https://alerts.example.com/momo";
        }
        if (url.getRawUserInfo() != null) {
            return "the URL must not contain user info, because the HTTP client does not send it;"
                    + " set the authorization setting instead, for example to 'Basic <base64 of user:password>'";
        }
        return null;
    }

    /** Returns what is wrong with an Authorization header value, without quoting it, or null if nothing is. */
    static String authorizationProblem(final String value) {
        if (value.isBlank()) {
            return "the value is empty; remove the setting or give the header value";
        }
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f || c > 0xff)) {
                return "the value contains a control character or a character outside ISO-8859-1 at index " + i
                        + ", which an HTTP header cannot carry (the value is not shown because it is a secret)";
            }
        }
        return null;
    }

    private static void requirePositive(final String name, final String component, final Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(component + " " + value + " of webhook '" + name
                    + "' must be positive");
        }
    }
}
