package dev.momo.notify;

import dev.momo.schema.AlertSeverity;
import dev.momo.schema.AlertState;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link WebhookSettings} from flat properties. {@link WebhookSettings#parse(Map)} documents the keys.
 *
 * <p>Every key under {@code momo.webhook.} must be a known setting of a webhook that
 * {@code momo.webhooks} lists (or of {@code default} when {@code momo.webhooks} is absent), so that a
 * misspelled key or webhook name fails instead of being ignored. Error messages name the key and its
 * value, except for {@code authorization}, whose value is a secret.
 */
final class WebhookSettingsParser {

    static final String LIST_KEY = "momo.webhooks";
    static final String PREFIX = "momo.webhook.";
    static final List<String> SETTINGS = List.of("url", "severities", "states", "timeout", "max-attempts",
            "backoff", "max-backoff", "authorization", "queue-capacity");

    /** A whole number of milliseconds, which {@link Duration#parse} cannot read. */
    private static final Pattern MILLISECONDS = Pattern.compile("(-?\\d+)ms", Pattern.CASE_INSENSITIVE);
    private static final String DURATION_EXAMPLES = "500ms, 5s, 2m, 1h or PT5S";

    /** One property: its key as written, for messages, and its trimmed value. */
    private record Entry(String key, String value) {
    }

    private WebhookSettingsParser() {
    }

    static boolean isWebhookKey(final String key) {
        return key.equals(LIST_KEY) || key.startsWith(PREFIX);
    }

    static Set<String> keys(final Map<String, String> properties) {
        final Set<String> keys = new TreeSet<>();
        keys.add(LIST_KEY);
        for (final String setting : SETTINGS) {
            keys.add(PREFIX + setting);
        }
        final String list = properties.get(LIST_KEY);
        if (list == null) {
            return keys;
        }
        for (final String name : list.split(",")) {
            final String trimmed = name.trim();
            if (WebhookSettings.NAME_PATTERN.matcher(trimmed).matches()) {
                SETTINGS.forEach(setting -> keys.add(PREFIX + trimmed + "." + setting));
            }
        }
        return keys;
    }

    static List<WebhookSettings> parse(final Map<String, String> properties) {
        final Map<String, String> values = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (isWebhookKey(key)) {
                values.put(key, value == null ? "" : value.trim());
            }
        });

        final List<String> names = names(values);
        final Map<String, Map<String, Entry>> entriesByName = group(values, names);

        final List<WebhookSettings> webhooks = new ArrayList<>();
        for (final String name : names) {
            webhooks.add(build(name, entriesByName.get(name), !values.containsKey(LIST_KEY)));
        }
        return List.copyOf(webhooks);
    }

    /** Returns the names that {@code momo.webhooks} lists, or {@code default} when shorthand keys are set. */
    private static List<String> names(final Map<String, String> values) {
        final String list = values.get(LIST_KEY);
        if (list == null) {
            final boolean shorthand = values.keySet().stream()
                    .anyMatch(key -> !key.substring(PREFIX.length()).contains("."));
            return shorthand ? List.of(WebhookSettings.DEFAULT_NAME) : List.of();
        }
        if (list.isEmpty()) {
            return List.of();
        }

        final List<String> names = new ArrayList<>();
        for (final String part : list.split(",", -1)) {
            final String name = part.trim();
            if (!WebhookSettings.NAME_PATTERN.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid " + LIST_KEY + " '" + list + "': '" + name
                        + "' is not a webhook name; expected a comma-separated list of names made of letters,"
                        + " digits, '-' and '_', such as pager,chat");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("invalid " + LIST_KEY + " '" + list + "': the webhook '" + name
                        + "' is listed twice");
            }
            names.add(name);
        }
        return names;
    }

    /** Sorts the keys by webhook name and setting, and rejects unknown settings and unlisted names. */
    private static Map<String, Map<String, Entry>> group(final Map<String, String> values, final List<String> names) {
        final Map<String, Map<String, Entry>> entriesByName = new LinkedHashMap<>();
        names.forEach(name -> entriesByName.put(name, new TreeMap<>()));
        final boolean listed = values.containsKey(LIST_KEY);

        for (final Map.Entry<String, String> property : values.entrySet()) {
            final String key = property.getKey();
            if (key.equals(LIST_KEY)) {
                continue;
            }
            final String rest = key.substring(PREFIX.length());
            final int dot = rest.indexOf('.');
            final boolean shorthand = dot < 0;
            final String name = shorthand ? WebhookSettings.DEFAULT_NAME : rest.substring(0, dot);
            final String setting = shorthand ? rest : rest.substring(dot + 1);

            if (!SETTINGS.contains(setting)) {
                throw new IllegalArgumentException("unknown setting '" + key + "'; a webhook accepts "
                        + String.join(", ", SETTINGS) + ", as in " + PREFIX + "NAME.url or " + PREFIX + "url");
            }
            if (!entriesByName.containsKey(name)) {
                throw new IllegalArgumentException(unlistedMessage(key, name, shorthand, listed, values.get(LIST_KEY)));
            }
            final Entry previous = entriesByName.get(name).put(setting, new Entry(key, property.getValue()));
            if (previous != null) {
                throw new IllegalArgumentException("both " + previous.key() + " and " + key
                        + " are set, and both configure the webhook 'default'; keep one of them");
            }
        }
        return entriesByName;
    }

    private static String unlistedMessage(final String key, final String name, final boolean shorthand,
            final boolean listed, final String list) {
        if (shorthand) {
            return key + " configures the webhook 'default', which " + LIST_KEY + "=" + list
                    + " does not list; add default to " + LIST_KEY + " or set the key of a listed webhook, such as "
                    + PREFIX + "NAME." + key.substring(PREFIX.length());
        }
        if (!listed) {
            return key + " configures the webhook '" + name + "', but " + LIST_KEY + " is not set; set "
                    + LIST_KEY + "=" + name + " to enable it, or use " + PREFIX + "url and its sibling keys"
                    + " for a single webhook";
        }
        return key + " configures the webhook '" + name + "', which " + LIST_KEY + "=" + list
                + " does not list; correct the name or add it to " + LIST_KEY;
    }

    private static WebhookSettings build(final String name, final Map<String, Entry> entries, final boolean shorthand) {
        final Function<String, String> keyOf = setting -> entries.containsKey(setting)
                ? entries.get(setting).key()
                : PREFIX + (shorthand ? "" : name + ".") + setting;
        for (final Entry entry : entries.values()) {
            if (entry.value().isEmpty() && !entry.key().endsWith(".authorization")) {
                throw new IllegalArgumentException(entry.key() + " is empty; remove it to use the default or give a value");
            }
        }

        final Entry url = entries.get("url");
        if (url == null || url.value().isEmpty()) {
            throw new IllegalArgumentException("missing " + keyOf.apply("url")
                    + "; every webhook needs the http or https URL that receives its alerts,"
                    + " such as https://alerts.example.com/momo");
        }

        final Duration backoff = duration(entries.get("backoff"), WebhookSettings.DEFAULT_BACKOFF);
        final Duration maxBackoff = duration(entries.get("max-backoff"), WebhookSettings.DEFAULT_MAX_BACKOFF);
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException(keyOf.apply("max-backoff") + " " + shown(entries.get("max-backoff"))
                    + " is shorter than " + keyOf.apply("backoff") + " " + shown(entries.get("backoff"))
                    + "; expected a max-backoff at least as long as the backoff");
        }

        return new WebhookSettings(
                name,
                url(url),
                symbols(entries.get("severities"), AlertSeverity.class, WebhookSettings.DEFAULT_SEVERITIES),
                symbols(entries.get("states"), AlertState.class, WebhookSettings.DEFAULT_STATES),
                duration(entries.get("timeout"), WebhookSettings.DEFAULT_TIMEOUT),
                atLeastOne(entries.get("max-attempts"), WebhookSettings.DEFAULT_MAX_ATTEMPTS),
                backoff,
                maxBackoff,
                authorization(entries.get("authorization")),
                atLeastOne(entries.get("queue-capacity"), WebhookSettings.DEFAULT_QUEUE_CAPACITY));
    }

    private static String shown(final Entry entry) {
        return entry == null ? "(default)" : "'" + entry.value() + "'";
    }

    private static URI url(final Entry entry) {
        final URI url;
        try {
            url = new URI(entry.value());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid " + entry.key() + " '" + entry.value() + "': "
                    + e.getReason() + " at index " + e.getIndex()
                    + "; expected an http or https URL such as https://alerts.example.com/momo");
        }
        final String problem = WebhookSettings.urlProblem(url);
        if (problem != null) {
            // The display form drops user info and query, which may carry credentials.
            throw new IllegalArgumentException("invalid " + entry.key() + " '" + WebhookSettings.displayUrl(url)
                    + "': " + problem);
        }
        return url;
    }

    private static <E extends Enum<E>> Set<E> symbols(final Entry entry, final Class<E> type, final Set<E> fallback) {
        if (entry == null) {
            return fallback;
        }
        final Set<E> symbols = EnumSet.noneOf(type);
        for (final String part : entry.value().split(",", -1)) {
            final String text = part.trim().toUpperCase(Locale.ROOT);
            final E symbol = EnumSet.allOf(type).stream()
                    .filter(candidate -> candidate.name().equals(text))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("invalid " + entry.key() + " '" + entry.value()
                            + "': '" + part.trim() + "' is not allowed; expected a comma-separated list of "
                            + allowed(type)));
            symbols.add(symbol);
        }
        return symbols;
    }

    private static <E extends Enum<E>> String allowed(final Class<E> type) {
        final List<String> names = new ArrayList<>();
        EnumSet.allOf(type).forEach(symbol -> names.add(symbol.name().toLowerCase(Locale.ROOT)));
        return String.join(", ", names);
    }

    /** Parses ISO-8601 (PT5S), the short forms that prefix PT makes ISO (5s, 2m, 1h, 1h30m), and whole milliseconds (500ms). */
    private static Duration duration(final Entry entry, final Duration fallback) {
        if (entry == null) {
            return fallback;
        }
        final String text = entry.value();
        Duration value;
        try {
            final Matcher milliseconds = MILLISECONDS.matcher(text);
            if (milliseconds.matches()) {
                value = Duration.ofMillis(Long.parseLong(milliseconds.group(1)));
            } else {
                value = Duration.parse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text : "PT" + text);
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid " + entry.key() + " '" + text
                    + "'; expected a positive duration such as " + DURATION_EXAMPLES);
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("invalid " + entry.key() + " '" + text
                    + "'; a duration must be positive, such as " + DURATION_EXAMPLES);
        }
        return value;
    }

    private static int atLeastOne(final Entry entry, final int fallback) {
        if (entry == null) {
            return fallback;
        }
        final int value;
        try {
            value = Integer.parseInt(entry.value());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + entry.key() + " '" + entry.value()
                    + "'; expected a whole number from 1 to " + Integer.MAX_VALUE);
        }
        if (value < 1) {
            throw new IllegalArgumentException("invalid " + entry.key() + " '" + entry.value()
                    + "'; expected a whole number from 1 to " + Integer.MAX_VALUE);
        }
        return value;
    }

    private static Optional<String> authorization(final Entry entry) {
        if (entry == null) {
            return Optional.empty();
        }
        final String problem = WebhookSettings.authorizationProblem(entry.value());
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + entry.key() + ": " + problem);
        }
        return Optional.of(entry.value());
    }
}
