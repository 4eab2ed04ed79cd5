package dev.momo.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.detectors.DetectorKind;
import dev.momo.drift.Statistic;
import dev.momo.performance.MetricNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the web console's static files, read from the test classpath (a copy of
 * {@code src/main/resources/console}): the English and Spanish message files agree, every message key that
 * the scripts and the page use exists in both, the ids that the console names from API data (statistics,
 * detectors, performance metrics) have translations, and no file loads anything from another host.
 *
 * <p>The scripts look messages up as {@code t('key')} or, for counted phrases, {@code tn('key', count)},
 * which reads {@code key.one} and {@code key.other}; the page marks text with {@code data-i18n="key"} and
 * labels with {@code data-i18n-aria-label="key"}. Keys built at run time ({@code 'statistic.' + id}) are
 * checked through the Java enums and constants that define those ids.
 */
class ConsoleTranslationsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path CONSOLE = consoleDirectory();
    private static final List<String> LANGUAGES = List.of("en", "es");

    private static final Pattern T_CALL = Pattern.compile("\\bt\\(\\s*(['\"`])([^'\"`$]+)\\1\\s*[,)]");
    private static final Pattern TN_CALL = Pattern.compile("\\btn\\(\\s*(['\"`])([^'\"`$]+)\\1\\s*,");
    private static final Pattern DATA_I18N = Pattern.compile("data-i18n(?:-[a-z-]+)?\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** A t( or tn( call (not the definition) whose first argument is no string literal, which T_CALL misses. */
    private static final Pattern COMPUTED_KEY_CALL = Pattern.compile("(?<!function )\\btn?\\(\\s*[^'\"`\\s)][^,)]*");
    /**
     * The lookups allowed to compute their key: the message functions themselves, and the names of open id
     * sets (statistics, metrics, detectors), which look the key up with hasMessage first and are checked
     * through the Java ids below.
     */
    private static final Set<String> ALLOWED_COMPUTED_KEYS = Set.of(
            "js/i18n.js: t(chosen", "js/i18n.js: t(element.dataset.i18n", "js/i18n.js: t(element.dataset.i18nAriaLabel",
            "js/labels.js: t(key");

    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    // A // that follows ':' or a quote starts a URL or a string, not a line comment.
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(?<![:'\"`\\\\])//.*$");
    private static final Pattern XMLNS = Pattern.compile("\\sxmlns(?::\\w+)?\\s*=\\s*\"[^\"]*\"");
    private static final Pattern REMOTE_URL = Pattern.compile("(?i)https?://\\S*");
    private static final Pattern PROTOCOL_RELATIVE = Pattern.compile("(?i)(?:src|href)\\s*=\\s*[\"']//|url\\(\\s*[\"']?//");

    @Test
    void translations_haveSameKeysInEnglishAndSpanish() {
        final Set<String> english = messages("en").keySet();
        final Set<String> spanish = messages("es").keySet();

        assertThat(difference(english, spanish)).as("keys in en.json missing from es.json").isEmpty();
        assertThat(difference(spanish, english)).as("keys in es.json missing from en.json").isEmpty();
    }

    @Test
    void translations_haveNoEmptyValue() {
        for (final String language : LANGUAGES) {
            final List<String> empty = messages(language).entrySet().stream()
                    .filter(entry -> !(entry.getValue() instanceof String text) || text.isBlank())
                    .map(Map.Entry::getKey)
                    .toList();

            assertThat(empty).as("keys of %s.json whose value is not a non-blank string", language).isEmpty();
        }
    }

    @Test
    void translations_haveSamePlaceholdersInEnglishAndSpanish() {
        final Map<String, Object> english = messages("en");
        final Map<String, Object> spanish = messages("es");
        final List<String> mismatched = new ArrayList<>();
        for (final Map.Entry<String, Object> entry : english.entrySet()) {
            final Object other = spanish.get(entry.getKey());
            if (other != null && !placeholders(entry.getValue()).equals(placeholders(other))) {
                mismatched.add(entry.getKey() + ": en " + placeholders(entry.getValue()) + ", es " + placeholders(other));
            }
        }

        assertThat(mismatched).as("keys whose {placeholders} differ between en.json and es.json").isEmpty();
    }

    @Test
    void consoleFiles_useOnlyDefinedKeys() throws IOException {
        final Set<String> used = new TreeSet<>();
        for (final Path file : consoleFiles()) {
            final String name = file.getFileName().toString();
            if (name.endsWith(".js") || name.endsWith(".html")) {
                final String text = Files.readString(file, StandardCharsets.UTF_8);
                used.addAll(matches(T_CALL, text, 2));
                matches(TN_CALL, text, 2).forEach(key -> {
                    used.add(key + ".one");
                    used.add(key + ".other");
                });
                used.addAll(matches(DATA_I18N, text, 1));
            }
        }

        // The extraction itself must work, or an empty set would pass every check below.
        assertThat(used).as("message keys found in the console's scripts and page").hasSizeGreaterThan(100);
        for (final String language : LANGUAGES) {
            assertThat(difference(used, messages(language).keySet()))
                    .as("keys used by the console but missing from %s.json", language).isEmpty();
        }
    }

    @Test
    void consoleScripts_passLiteralKeys() throws IOException {
        final List<String> computed = new ArrayList<>();
        for (final Path file : consoleFiles()) {
            if (file.getFileName().toString().endsWith(".js")) {
                final Matcher matcher = COMPUTED_KEY_CALL.matcher(withoutCommentsAndNamespaces(file));
                while (matcher.find()) {
                    computed.add(CONSOLE.relativize(file).toString().replace('\\', '/') + ": " + matcher.group().strip());
                }
            }
        }

        assertThat(computed).as("t() and tn() calls whose key is computed, which the key checks cannot follow")
                .isNotEmpty()
                .allSatisfy(call -> assertThat(ALLOWED_COMPUTED_KEYS).contains(call));
    }

    @Test
    void statisticIds_haveNamesInBothLanguages() {
        final List<String> keys = new ArrayList<>();
        for (final Statistic statistic : Statistic.values()) {
            keys.add("statistic." + statistic.id());
        }
        // The data-set drift check, which is no per-column statistic.
        keys.add("statistic.drifted_feature_share");

        assertKeysExist(keys);
    }

    @Test
    void detectorKinds_haveNamesInBothLanguages() {
        final List<String> keys = Stream.of(DetectorKind.values()).map(kind -> "detector." + kind.externalName()).toList();

        assertKeysExist(keys);
    }

    @Test
    void metricNames_haveNamesInBothLanguages() throws IllegalAccessException {
        final List<String> keys = new ArrayList<>();
        for (final Field field : MetricNames.class.getFields()) {
            final boolean constant = Modifier.isStatic(field.getModifiers()) && field.getType() == String.class;
            final String value = constant ? (String) field.get(null) : null;
            // Prefixes and suffixes such as estimated_ and _macro are parts of names, not metrics.
            if (value != null && !value.startsWith("_") && !value.endsWith("_")) {
                keys.add("metric." + value);
            }
        }

        assertThat(keys).as("metric names read from MetricNames").contains("metric.accuracy", "metric.roc_auc");
        assertKeysExist(keys);
    }

    @Test
    void consoleFiles_loadNothingFromOtherHosts() throws IOException {
        final List<String> remote = new ArrayList<>();
        for (final Path file : consoleFiles()) {
            final String code = withoutCommentsAndNamespaces(file);
            for (final Pattern pattern : List.of(REMOTE_URL, PROTOCOL_RELATIVE)) {
                final Matcher matcher = pattern.matcher(code);
                while (matcher.find()) {
                    remote.add(CONSOLE.relativize(file) + ": " + matcher.group());
                }
            }
        }

        assertThat(remote).as("remote addresses outside comments and xmlns attributes").isEmpty();
    }

    private static void assertKeysExist(final List<String> keys) {
        for (final String language : LANGUAGES) {
            assertThat(difference(new TreeSet<>(keys), messages(language).keySet()))
                    .as("keys missing from %s.json", language).isEmpty();
        }
    }

    private static String withoutCommentsAndNamespaces(final Path file) throws IOException {
        final String name = file.getFileName().toString();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (name.endsWith(".html") || name.endsWith(".svg")) {
            text = XMLNS.matcher(HTML_COMMENT.matcher(text).replaceAll("")).replaceAll("");
        }
        if (name.endsWith(".js") || name.endsWith(".css")) {
            text = BLOCK_COMMENT.matcher(text).replaceAll("");
        }
        if (name.endsWith(".js")) {
            text = LINE_COMMENT.matcher(text).replaceAll("");
        }
        return text;
    }

    private static Set<String> placeholders(final Object text) {
        return new TreeSet<>(matches(PLACEHOLDER, String.valueOf(text), 1));
    }

    private static List<String> matches(final Pattern pattern, final String text, final int group) {
        final List<String> found = new ArrayList<>();
        final Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    private static Set<String> difference(final Set<String> left, final Set<String> right) {
        final Set<String> rest = new TreeSet<>(left);
        rest.removeAll(right);
        return rest;
    }

    private static Map<String, Object> messages(final String language) {
        final Path file = CONSOLE.resolve("i18n").resolve(language + ".json");
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + file, e);
        }
    }

    private static List<Path> consoleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CONSOLE)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path consoleDirectory() {
        final URL page = ConsoleTranslationsTest.class.getResource("/console/index.html");
        if (page == null) {
            throw new IllegalStateException("console/index.html is not on the test classpath; run the tests through Maven, "
                    + "which copies src/main/resources");
        }
        try {
            return Path.of(page.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Invalid classpath address " + page, e);
        }
    }
}
