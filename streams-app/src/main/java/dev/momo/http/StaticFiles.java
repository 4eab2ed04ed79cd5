package dev.momo.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The files of the web console and the OpenAPI document, read from the class path once and kept in memory:
 * <ul>
 *   <li>{@code /} is {@code console/index.html};</li>
 *   <li>{@code /console/PATH} is {@code console/PATH};</li>
 *   <li>{@code /console/vendor/chart.umd.min.js} is Chart.js from its WebJar ({@code org.webjars.npm:chart.js}),
 *       whose version the WebJar's own {@code pom.properties} gives;</li>
 *   <li>{@value #OPENAPI_PATH} is {@code api/openapi.json}.</li>
 * </ul>
 * Paths with other characters than letters, digits, {@code . _ - /}, or with a {@code ..} segment, are not
 * files. Users run Momo on closed networks, so nothing here is fetched from elsewhere at run time.
 */
final class StaticFiles {

    /** Path of the OpenAPI document that describes the JSON API. */
    static final String OPENAPI_PATH = "/api/openapi.json";
    /** Path of the chart library in the console. */
    static final String CHART_PATH = "/console/vendor/chart.umd.min.js";

    private static final String CONSOLE_PREFIX = "/console/";
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/-]+");
    private static final String CHART_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /**
     * A file to send.
     *
     * @param contentType its media type
     * @param bytes its content
     */
    record File(String contentType, byte[] bytes) {
    }

    private final ClassLoader loader = StaticFiles.class.getClassLoader();
    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    /** Returns the file that a request path names, or empty when there is none. */
    Optional<File> find(final String path) {
        return cache.computeIfAbsent(path, this::load);
    }

    private Optional<File> load(final String path) {
        final String resource;
        if (path.equals("/") || path.equals("/index.html")) {
            resource = "console/index.html";
        } else if (path.equals(OPENAPI_PATH)) {
            resource = "api/openapi.json";
        } else if (path.equals(CHART_PATH)) {
            resource = "META-INF/resources/webjars/chart.js/" + chartVersion() + "/dist/chart.umd.min.js";
        } else if (path.startsWith(CONSOLE_PREFIX) && SAFE_PATH.matcher(path).matches()
                && !path.contains("/../") && !path.endsWith("/..") && !path.endsWith("/")) {
            resource = "console/" + path.substring(CONSOLE_PREFIX.length());
        } else {
            return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new File(contentType(resource), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + resource + " from the class path", e);
        }
    }

    private String chartVersion() {
        try (InputStream in = loader.getResourceAsStream(CHART_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("Chart.js WebJar is missing from the class path (no "
                        + CHART_PROPERTIES + "); the console needs org.webjars.npm:chart.js");
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + CHART_PROPERTIES, e);
        }
    }

    private static String contentType(final String resource) {
        final int dot = resource.lastIndexOf('.');
        final String extension = dot < 0 ? "" : resource.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
