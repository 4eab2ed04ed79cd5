package dev.momo.observability;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the metric names that a PromQL expression selects, for comparison with what Momo exposes.
 *
 * <p>Scope: the PromQL of Prometheus 2.x (selectors, functions, aggregations with {@code by}/{@code without},
 * vector matching with {@code on}/{@code ignoring}/{@code group_left}/{@code group_right}, {@code offset},
 * {@code @}, subqueries) plus Grafana's template syntax ({@code $name}, {@code ${name}},
 * {@code ${name:format}}, {@code [[name]]}). A name is an identifier that is neither followed by an opening
 * parenthesis (a function or an aggregation) nor a keyword; names given as {@code {__name__="..."}} count
 * too. Regular-expression matches on {@code __name__} are not expanded.
 */
final class PromQlNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern NAME_MATCHER = Pattern.compile("__name__\\s*=\\s*\"([a-zA-Z_:][a-zA-Z0-9_:]*)\"");
    private static final Pattern BRACES = Pattern.compile("\\{[^}]*}");
    private static final Pattern BRACKETS = Pattern.compile("\\[[^]]*]");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$[a-zA-Z_][a-zA-Z0-9_]*|\\[\\[[^]]*]]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern TOKEN = Pattern.compile(
            "(?<number>(?:0[xX][0-9a-fA-F]+|[0-9]*\\.?[0-9]+(?:[eE][+-]?[0-9]+)?)[a-zA-Z0-9_]*)"
                    + "|(?<identifier>[a-zA-Z_:][a-zA-Z0-9_:]*)");
    /** PromQL keywords and literals that look like identifiers; PromQL matches them case-insensitively. */
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "start", "end");

    private PromQlNames() {
    }

    /** Returns the metric names selected by {@code expression}, sorted. */
    static Set<String> of(final String expression) {
        final Set<String> names = new TreeSet<>();
        final String withoutStrings = removeStrings(expression, names);
        String text = GRAFANA_VARIABLE.matcher(withoutStrings).replaceAll(" ");
        text = BRACES.matcher(text).replaceAll(" ");
        text = BRACKETS.matcher(text).replaceAll(" ");
        text = LABEL_LIST.matcher(text).replaceAll(" ");

        final Matcher token = TOKEN.matcher(text);
        while (token.find()) {
            final String identifier = token.group("identifier");
            if (identifier == null || KEYWORDS.contains(identifier.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!nextNonBlankIs(text, token.end(), '(')) {
                names.add(identifier);
            }
        }
        return names;
    }

    /** Blanks string literals, keeping the names of {@code __name__="..."} matchers they belong to. */
    private static String removeStrings(final String expression, final Set<String> names) {
        final Matcher nameMatcher = NAME_MATCHER.matcher(expression);
        while (nameMatcher.find()) {
            names.add(nameMatcher.group(1));
        }
        return STRING.matcher(expression).replaceAll("\"\"");
    }

    private static boolean nextNonBlankIs(final String text, final int from, final char expected) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i) == expected;
            }
        }
        return false;
    }
}
