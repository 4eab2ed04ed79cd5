package dev.momo.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser on the console at {@code baseUrl}: waits for the console's test hooks, reads chart data,
 * saves screenshots, and collects the browser's error messages and the addresses it requested.
 *
 * <p>The console sets {@code document.body.dataset.ready} to {@code "true"} once a page's data is rendered and
 * back to {@code "false"} on a route change, so a page is ready when its root element is present and that
 * attribute is {@code "true"}.
 */
final class ConsoleSession {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Pattern NETWORK_SCHEME = Pattern.compile("(?i)(https?|wss?|ftp):");

    private final WebDriver driver;
    private final String baseUrl;
    private final Path screenshots;
    private final Path screenshotCopies;
    private final List<String> severeMessages = new ArrayList<>();
    private final List<String> requestedUrls = new ArrayList<>();

    /**
     * @param screenshots folder of the screenshots
     * @param screenshotCopies folder that receives a copy of each screenshot, or null for none
     */
    ConsoleSession(final WebDriver driver, final String baseUrl, final Path screenshots, final Path screenshotCopies) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
        this.screenshotCopies = screenshotCopies;
    }

    WebDriver driver() {
        return driver;
    }

    /** Loads the console page with the given hash route, such as {@code #/alerts}. */
    void open(final String route) {
        driver.get(baseUrl + "/" + route);
    }

    /** Waits until an element matches {@code css} and returns the first one. */
    WebElement await(final String css, final Duration timeout) {
        return waiting(timeout, "element " + css).until(browser -> {
            final List<WebElement> found = browser.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.get(0);
        });
    }

    /** Waits until {@code condition} holds, and names {@code description} in the timeout message. */
    void awaitTrue(final String description, final Duration timeout, final Predicate<WebDriver> condition) {
        waiting(timeout, description).until(condition::test);
    }

    /** Waits until the page root {@code css} is present and the console reports its data as rendered. */
    void awaitPage(final String css, final Duration timeout) {
        await(css, timeout);
        awaitTrue("body[data-ready=true] on " + css, timeout,
                browser -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    /**
     * Clicks the first element that matches {@code css}, looking it up again when a live update replaced it
     * between the lookup and the click.
     */
    void click(final String css, final Duration timeout) {
        awaitTrue("a click on " + css, timeout, browser -> {
            final List<WebElement> found = browser.findElements(By.cssSelector(css));
            if (found.isEmpty()) {
                return false;
            }
            found.get(0).click();
            return true;
        });
    }

    /** Returns the rendered text of the first element that matches {@code css}, or null when none does. */
    String text(final String css) {
        return (String) script("const element = document.querySelector(arguments[0]);"
                + " return element === null ? null : element.innerText;", css);
    }

    /** Returns how many elements match {@code css}. */
    long count(final String css) {
        return ((Number) script("return document.querySelectorAll(arguments[0]).length;", css)).longValue();
    }

    /**
     * Returns facts about the chart on the first canvas that matches {@code css}, read in one script so that a
     * live update cannot swap the canvas in between: {@code width} and {@code height} in CSS pixels,
     * {@code points} of its first data set ({@code Chart.getChart}, Chart.js 4; -1 without a chart), and its
     * {@code role} and {@code label} ({@code aria-label}). Empty when no canvas matches.
     */
    Map<String, Object> chart(final String css) {
        @SuppressWarnings("unchecked")
        final Map<String, Object> facts = (Map<String, Object>) script("""
                const canvas = document.querySelector(arguments[0]);
                if (canvas === null) {
                  return {};
                }
                const chart = window.Chart ? window.Chart.getChart(canvas) : undefined;
                const box = canvas.getBoundingClientRect();
                return {
                  width: box.width,
                  height: box.height,
                  points: chart && chart.data.datasets.length > 0 ? chart.data.datasets[0].data.length : -1,
                  role: canvas.getAttribute('role'),
                  label: canvas.getAttribute('aria-label'),
                };""", css);
        return facts;
    }

    /** Scrolls the page so that the first element that matches {@code css} starts at the top of the window. */
    void scrollTo(final String css) {
        script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'});", css);
    }

    /** Returns the value of {@code document.documentElement.lang}. */
    String pageLanguage() {
        return (String) script("return document.documentElement.lang;");
    }

    /**
     * Saves the visible part of the page as {@code NAME.png} in the screenshot folder, and copies it to the
     * folder of copies when there is one.
     */
    Path screenshot(final String name) throws IOException {
        Files.createDirectories(screenshots);
        final Path file = screenshots.resolve(name + ".png");
        final byte[] png = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        if (screenshotCopies != null) {
            final Path copy = Files.createDirectories(screenshotCopies).resolve(file.getFileName());
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        collectLogs();
        return file;
    }

    /**
     * Moves the browser's log entries into this session. Selenium's {@code Logs.get} resets the log buffer
     * after each call, so reading between steps keeps chromedriver's buffer small.
     */
    void collectLogs() {
        for (final LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severeMessages.add(entry.getMessage());
            }
        }
        for (final LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            final String url = requestUrl(entry.getMessage());
            if (url != null) {
                requestedUrls.add(url);
            }
        }
    }

    /** Returns the browser's SEVERE messages (uncaught errors, failed loads) collected so far. */
    List<String> severeMessages() {
        collectLogs();
        return List.copyOf(severeMessages);
    }

    /**
     * Returns the network addresses (http, https, ws, wss) that the browser requested outside the console's
     * origin. Other schemes stay inside the browser: {@code data:}, {@code blob:}, and the {@code chrome://}
     * pages that headless Chromium opens in its first tab.
     */
    List<String> foreignRequests() {
        collectLogs();
        return requestedUrls.stream()
                .filter(url -> NETWORK_SCHEME.matcher(url).lookingAt())
                .filter(url -> !url.startsWith(baseUrl + "/") && !url.equals(baseUrl))
                .distinct()
                .toList();
    }

    /** Returns how many addresses the browser requested so far, to show that the request check saw traffic. */
    int requestCount() {
        collectLogs();
        return requestedUrls.size();
    }

    /** Reads {@code console/i18n/LANGUAGE.json}, the console's flat map from message key to text. */
    static Map<String, String> messages(final String language) {
        final String resource = "console/i18n/" + language + ".json";
        try (InputStream in = ConsoleSession.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the test class path");
            }
            final Map<String, String> messages = new java.util.TreeMap<>();
            JSON.readTree(in).properties().forEach(entry -> messages.put(entry.getKey(), entry.getValue().asText()));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read " + resource, e);
        }
    }

    private Object script(final String script, final Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private WebDriverWait waiting(final Duration timeout, final String description) {
        final WebDriverWait wait = new WebDriverWait(driver, timeout, POLL);
        wait.withMessage(() -> "waiting for " + description + " at " + driver.getCurrentUrl());
        // A live update may replace an element between its lookup and its use: look it up again.
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Returns the address of a DevTools {@code Network.requestWillBeSent} event, or null for other events. */
    private static String requestUrl(final String message) {
        try {
            final JsonNode event = JSON.readTree(message).path("message");
            if (!"Network.requestWillBeSent".equals(event.path("method").asText())) {
                return null;
            }
            return event.path("params").path("request").path("url").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to parse a performance log entry: " + message, e);
        }
    }
}
