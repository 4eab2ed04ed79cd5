package dev.momo.testing;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as the Prometheus documentation
 * ("Exposition formats", text-based format) defines it, for tests. It rejects what would break a scrape.
 * That is a malformed line, a second TYPE or HELP line for a family, or a sample before its family's TYPE
 * line. It is also a sample whose name does not fit its family's type, a sample after another family
 * started, and the same series (name and labels) twice.
 *
 * <pre>{@code
 * PrometheusText scrape = PrometheusText.parse(body);
 * double processed = scrape.value("momo_events_processed_total", "model", "fraud");
 * }</pre>
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line: the sample's own name (such as {@code x_bucket}), its labels, and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: its TYPE, HELP text and samples in order of appearance. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    private final Map<String, Family> families;

    private PrometheusText(final Map<String, Family> families) {
        this.families = Collections.unmodifiableMap(families);
    }

    /** Scrapes a registry in the text format and parses the result. */
    public static PrometheusText scrape(final PrometheusRegistry registry) {
        return parse(PrometheusTextFormatWriter.create().toDebugString(registry.scrape()));
    }

    /**
     * Parses a scrape body.
     *
     * @throws IllegalArgumentException naming the line number and the fault
     */
    public static PrometheusText parse(final String body) {
        final Map<String, Family> families = new LinkedHashMap<>();
        final Set<String> series = new HashSet<>();
        final Set<String> closed = new HashSet<>();
        String current = null;
        final String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final String line = lines[i];
            final int number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                final String family = comment(line, number, families);
                if (family != null && !family.equals(current)) {
                    if (current != null) {
                        closed.add(current);
                    }
                    if (closed.contains(family)) {
                        throw fault(number, "family " + family + " appears again after another family");
                    }
                    current = family;
                }
                continue;
            }
            final Sample sample = sample(line, number);
            final String family = familyOf(sample.name(), families);
            if (family == null) {
                throw fault(number, "sample " + sample.name() + " has no TYPE line before it");
            }
            if (!family.equals(current)) {
                throw fault(number, "sample " + sample.name() + " of family " + family
                        + " is outside its family's block");
            }
            if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                throw fault(number, "series " + sample.name() + sample.labels() + " appears twice");
            }
            families.get(family).samples().add(sample);
        }
        return new PrometheusText(families);
    }

    /** Families by name, in order of appearance. */
    public Map<String, Family> families() {
        return families;
    }

    /** Samples of one name whose labels include the given pairs. */
    public List<Sample> samples(final String sampleName, final String... labelPairs) {
        final Map<String, String> expected = pairs(labelPairs);
        final List<Sample> found = new ArrayList<>();
        for (final Family family : families.values()) {
            for (final Sample sample : family.samples()) {
                if (sample.name().equals(sampleName) && sample.labels().entrySet().containsAll(expected.entrySet())) {
                    found.add(sample);
                }
            }
        }
        return found;
    }

    /**
     * Returns the value of the one sample of that name with those labels among its own.
     *
     * @throws AssertionError when no sample or more than one matches
     */
    public double value(final String sampleName, final String... labelPairs) {
        final List<Sample> found = samples(sampleName, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError("expected one sample " + sampleName + pairs(labelPairs) + ", found " + found);
        }
        return found.get(0).value();
    }

    /** Number of sample lines of the families whose names start with the prefix. */
    public int seriesCount(final String familyPrefix) {
        return families.values().stream().filter(family -> family.name().startsWith(familyPrefix))
                .mapToInt(family -> family.samples().size()).sum();
    }

    private static Map<String, String> pairs(final String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs need an even count, got " + labelPairs.length);
        }
        final Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            pairs.put(labelPairs[i], labelPairs[i + 1]);
        }
        return pairs;
    }

    /** Reads a HELP or TYPE line into its family and returns the family's name; null for other comments. */
    private static String comment(final String line, final int number, final Map<String, Family> families) {
        final String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !parts[0].equals("#") || !(parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
            return null;
        }
        final String name = parts[2];
        if (!METRIC_NAME.matcher(name).matches()) {
            throw fault(number, "invalid metric name '" + name + "'");
        }
        final Family known = families.get(name);
        if (parts[1].equals("TYPE")) {
            final String type = parts.length == 4 ? parts[3].trim() : "";
            if (!TYPES.contains(type)) {
                throw fault(number, "invalid type '" + type + "' of " + name);
            }
            if (known != null && known.type() != null) {
                throw fault(number, "second TYPE line for " + name);
            }
            families.put(name, new Family(name, type, known == null ? null : known.help(),
                    known == null ? new ArrayList<>() : known.samples()));
        } else {
            if (known != null && known.help() != null) {
                throw fault(number, "second HELP line for " + name);
            }
            final String help = parts.length == 4 ? parts[3] : "";
            families.put(name, new Family(name, known == null ? null : known.type(), help,
                    known == null ? new ArrayList<>() : known.samples()));
        }
        return name;
    }

    /** Returns the family that a sample name belongs to under the family types, or null. */
    private static String familyOf(final String sampleName, final Map<String, Family> families) {
        final Family exact = families.get(sampleName);
        if (exact != null && exact.type() != null && !exact.type().equals("histogram")) {
            return sampleName;
        }
        for (final Map.Entry<String, List<String>> suffixes : Map.of(
                "counter", List.of("_total", "_created"),
                "histogram", List.of("_bucket", "_count", "_sum", "_created"),
                "summary", List.of("_count", "_sum", "_created")).entrySet()) {
            for (final String suffix : suffixes.getValue()) {
                if (sampleName.endsWith(suffix)) {
                    final Family family = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                    if (family != null && suffixes.getKey().equals(family.type())) {
                        return family.name();
                    }
                }
            }
        }
        return null;
    }

    private static Sample sample(final String line, final int number) {
        int position = 0;
        while (position < line.length() && line.charAt(position) != '{' && line.charAt(position) != ' ') {
            position++;
        }
        final String name = line.substring(0, position);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw fault(number, "invalid metric name '" + name + "'");
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        if (position < line.length() && line.charAt(position) == '{') {
            position = labels(line, position + 1, labels, number);
        }
        if (position >= line.length() || line.charAt(position) != ' ') {
            throw fault(number, "missing space before the value");
        }
        final String[] rest = line.substring(position + 1).split(" ");
        if (rest.length < 1 || rest.length > 2) {
            throw fault(number, "expected a value and an optional timestamp, got '" + line.substring(position + 1)
                    + "'");
        }
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw fault(number, "invalid timestamp '" + rest[1] + "'");
            }
        }
        return new Sample(name, labels, value(rest[0], number));
    }

    /** Reads {@code name="value",...}} from {@code start} and returns the position after the closing brace. */
    private static int labels(final String line, final int start, final Map<String, String> labels, final int number) {
        int position = start;
        while (true) {
            if (position < line.length() && line.charAt(position) == '}') {
                return position + 1;
            }
            final int equals = line.indexOf('=', position);
            if (equals < 0) {
                throw fault(number, "label without '='");
            }
            final String labelName = line.substring(position, equals);
            if (!LABEL_NAME.matcher(labelName).matches()) {
                throw fault(number, "invalid label name '" + labelName + "'");
            }
            if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw fault(number, "label value of " + labelName + " is not quoted");
            }
            final StringBuilder value = new StringBuilder();
            position = equals + 2;
            while (true) {
                if (position >= line.length()) {
                    throw fault(number, "unterminated label value of " + labelName);
                }
                final char c = line.charAt(position++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    final char escaped = position < line.length() ? line.charAt(position++) : ' ';
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw fault(number, "invalid escape '\\" + escaped + "' in label " + labelName);
                    }
                } else {
                    value.append(c);
                }
            }
            if (labels.put(labelName, value.toString()) != null) {
                throw fault(number, "label " + labelName + " appears twice");
            }
            if (position < line.length() && line.charAt(position) == ',') {
                position++;
            } else if (position >= line.length() || line.charAt(position) != '}') {
                throw fault(number, "expected ',' or '}' after label " + labelName);
            }
        }
    }

    private static double value(final String text, final int number) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw fault(number, "invalid value '" + text + "'");
                }
        }
    }

    private static IllegalArgumentException fault(final int line, final String message) {
        return new IllegalArgumentException("line " + line + ": " + message);
    }
}
