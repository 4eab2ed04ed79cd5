package dev.momo.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.momo.http.ApiResponse;
import dev.momo.http.ApiRoute;
import dev.momo.http.ApiServer;
import dev.momo.http.HttpSettings;
import dev.momo.testing.HttpPolling;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web console in a real browser: Debian's headless chromium, driven through chromedriver by Selenium
 * (see {@link Chromium}), against {@code momo demo} running in this JVM with a drift after 15 s.
 *
 * <p>Screenshots of each page go to {@code target/console-screenshots/}. To refresh the user guide's copies,
 * run this test with {@code -Dmomo.screenshots.docs=DIR}, where DIR is relative to the module directory
 * (for example {@code ../docs/images}).
 */
class ConsoleBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** Property naming a folder that also receives the demo run's screenshots, for the user guide. */
    private static final String DOCS_PROPERTY = "momo.screenshots.docs";
    private static final String MODEL = "credit-default";
    private static final String VERSION = "1";
    /** The simulated drift moves income, whose default check is the normalized Wasserstein distance. */
    private static final String DRIFTED_FEATURE = "income";
    private static final String DRIFTED_STATISTIC = "wasserstein_normalized";
    /** Upper bound of the demo's run. The test stops the demo as soon as its checks are done. */
    private static final String DEMO_DURATION = "200s";
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(20);
    /** With windows of 5 s, a drift after 15 s and 2 s of grace, the first drifted window closes about 30 s in. */
    private static final Duration DRIFT_TIMEOUT = Duration.ofSeconds(90);
    /** Bearer token of the stub API server. */
    private static final String TOKEN = "console-browser-test-token-0123456789";

    @TempDir
    private Path profile;

    @BeforeEach
    void requireBrowser() {
        Chromium.requireInstalled();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void driftingDemo_showsDriftInBothLanguages() throws Exception {
        final Map<String, String> english = ConsoleSession.messages("en");
        final Map<String, String> spanish = ConsoleSession.messages("es");
        final DemoRun demo = new DemoRun("--duration", DEMO_DURATION, "--kafka-port", "0", "--metrics-port", "0",
                "--http-port", "0", "--rate", "400", "--window", "5s", "--drift-after", "15s");
        try (demo) {
            final String baseUrl = demo.awaitConsoleUrl(Duration.ofSeconds(90));
            HttpPolling.awaitBody(baseUrl + "/api/models", "\"" + MODEL + "\"", Duration.ofSeconds(60));

            final ChromeDriver driver = Chromium.start(profile, Path.of("target", "chromedriver.log"));
            try {
                final ConsoleSession console = new ConsoleSession(driver, baseUrl, SCREENSHOTS, docsImages());
                checkOverview(console);
                checkModelPage(console);
                checkFeaturePage(console);
                checkAlertsPage(console, baseUrl);
                checkLanguageSwitch(console, english, spanish);

                assertThat(console.severeMessages()).as("browser errors").isEmpty();
                assertThat(console.requestCount()).as("requests seen in the performance log").isPositive();
                assertThat(console.foreignRequests()).as("requests outside %s", baseUrl).isEmpty();
            } finally {
                driver.quit();
            }
        } catch (final Throwable failure) {
            failure.addSuppressed(new AssertionError("output of momo demo:\n" + demo.output()));
            throw failure;
        }
    }

    /**
     * Checks that the overview lists the model's version and that live updates turn it to critical, as the drift
     * of the demo's features passes their critical levels (a detector's warning may come first).
     */
    private static void checkOverview(final ConsoleSession console) throws Exception {
        console.open("#/");
        console.awaitPage("#overview-table", PAGE_TIMEOUT);
        final String row = "#overview-table [data-model=\"" + MODEL + "\"][data-version=\"" + VERSION + "\"]";
        console.await(row, PAGE_TIMEOUT);
        console.await(row + " [data-status=\"critical\"]", DRIFT_TIMEOUT);
        assertThat(console.text("#last-updated")).as("#last-updated").isNotBlank();
        console.screenshot("console-overview");
        console.click(row + " a[href]", PAGE_TIMEOUT);
    }

    /** Checks that the feature table marks the drifted feature in its status cell, and the data-set chart. */
    private static void checkModelPage(final ConsoleSession console) throws Exception {
        console.awaitPage("#model-page", PAGE_TIMEOUT);
        assertThat(console.driver().getCurrentUrl()).contains("#/models/" + MODEL + "/versions/" + VERSION);
        final String row = "#feature-table [data-feature=\"" + DRIFTED_FEATURE + "\"]";
        console.await(row + " [data-status=\"drifted\"]", DRIFT_TIMEOUT);
        assertChartDrawn(console, "canvas[data-chart=\"dataset\"]");
        console.screenshot("console-model");
        console.click(row + " a[href]", PAGE_TIMEOUT);
    }

    /** Checks that the feature page draws the statistic over time and the reference and current distributions. */
    private static void checkFeaturePage(final ConsoleSession console) throws Exception {
        console.awaitPage("#feature-page[data-feature=\"" + DRIFTED_FEATURE + "\"]", PAGE_TIMEOUT);
        assertChartDrawn(console, "canvas[data-chart=\"statistic\"][data-statistic=\"" + DRIFTED_STATISTIC + "\"]");
        assertChartDrawn(console, "canvas[data-chart=\"distribution\"]");
        console.screenshot("console-feature");
    }

    /** Waits until the chart on {@code css} has points, then checks its size and its text alternative. */
    private static void assertChartDrawn(final ConsoleSession console, final String css) {
        console.await(css, PAGE_TIMEOUT);
        console.awaitTrue("points in the chart " + css, PAGE_TIMEOUT,
                browser -> ((Number) console.chart(css).getOrDefault("points", -1)).longValue() > 0);
        final Map<String, Object> chart = console.chart(css);
        assertThat(((Number) chart.get("width")).doubleValue()).as("width of %s", css).isPositive();
        assertThat(((Number) chart.get("height")).doubleValue()).as("height of %s", css).isPositive();
        assertThat(chart.get("role")).as("role of %s", css).isEqualTo("img");
        assertThat((String) chart.get("label")).as("aria-label of %s", css).isNotBlank();
    }

    /**
     * Checks that the alerts page lists the open alerts, and that the drifted feature's alert shows its
     * evidence: the stable part of the server's summary, the window in which it opened, and the table of the
     * bins that moved most. The latest values change with every window, so the checks use only what an
     * update keeps.
     */
    private static void checkAlertsPage(final ConsoleSession console, final String baseUrl) throws Exception {
        console.click("[data-nav=\"alerts\"]", PAGE_TIMEOUT);
        console.awaitPage("#alerts-page", PAGE_TIMEOUT);
        console.await("#alerts-list [data-alert-id]", PAGE_TIMEOUT);

        final JsonNode alert = openAlertOf(baseUrl, DRIFTED_FEATURE);
        final String alertId = alert.path("alertId").asText();
        final String card = "#alerts-list [data-alert-id=\"" + alertId + "\"]";
        console.await(card, PAGE_TIMEOUT);
        final String summary = alert.path("summary").asText();
        assertThat(summary).as("summary of alert %s", alertId).contains(":");
        final String text = console.text(card);
        assertThat(text).as("alert %s", alertId).contains(summary.substring(0, summary.indexOf(':')));
        // The window index may appear with or without digit grouping.
        final long openedWindow = alert.path("openedWindowIndex").asLong();
        assertThat(text).as("alert %s", alertId)
                .containsAnyOf(String.valueOf(openedWindow), NumberFormat.getIntegerInstance(Locale.US).format(openedWindow));
        assertThat(alert.path("contributors").size()).as("contributors of alert %s in the API", alertId).isPositive();
        assertThat(console.count(card + " table tbody tr")).as("table rows of alert %s", alertId).isPositive();
        console.scrollTo(card);
        console.screenshot("console-alerts");
    }

    /**
     * Checks that the switch turns Spanish on without a reload, that the choice survives a reload, and that
     * English comes back.
     * Expected texts come from the console's own message files.
     */
    private static void checkLanguageSwitch(final ConsoleSession console, final Map<String, String> english,
            final Map<String, String> spanish) throws Exception {
        assertThat(console.pageLanguage()).isEqualTo("en");
        final String alertsLabel = "[data-nav=\"alerts\"] [data-i18n=\"nav.alerts\"]";
        assertThat(spanish.get("nav.alerts")).isNotEqualTo(english.get("nav.alerts"));

        console.click("#language-switch [data-lang=\"es\"]", PAGE_TIMEOUT);
        console.awaitTrue("<html lang=\"es\">", PAGE_TIMEOUT, browser -> "es".equals(console.pageLanguage()));
        console.awaitTrue("Spanish navigation label", PAGE_TIMEOUT,
                browser -> spanish.get("nav.alerts").equals(console.text(alertsLabel)));
        assertThat(console.driver().findElement(By.cssSelector("#language-switch [data-lang=\"es\"]"))
                .getAttribute("aria-pressed")).isEqualTo("true");

        console.open("#/models/" + MODEL + "/versions/" + VERSION);
        console.awaitPage("#model-page", PAGE_TIMEOUT);
        assertThat(console.pageLanguage()).as("language after a reload").isEqualTo("es");
        console.awaitTrue("Spanish feature table heading", PAGE_TIMEOUT,
                browser -> spanish.get("features.title").equals(console.text("#features-title")));
        console.await("#feature-table [data-feature=\"" + DRIFTED_FEATURE + "\"] [data-status=\"drifted\"]",
                PAGE_TIMEOUT);
        console.screenshot("console-es");

        console.click("#language-switch [data-lang=\"en\"]", PAGE_TIMEOUT);
        console.awaitTrue("<html lang=\"en\">", PAGE_TIMEOUT, browser -> "en".equals(console.pageLanguage()));
        console.awaitTrue("English feature table heading", PAGE_TIMEOUT,
                browser -> english.get("features.title").equals(console.text("#features-title")));
    }

    /**
     * With a bearer token configured, the console asks for it, reports a rejected token, and shows the
     * overview once the right token is entered. The API here is a stub with fixed responses, behind the real
     * {@link ApiServer} and its token check.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void tokenRequired_formUnlocksOverview() throws Exception {
        final JsonNode models = JSON.readTree("""
                {"models": [{"model": "token-model", "status": "ok", "openAlerts": 0, "versions": [
                  {"version": "7", "status": "ok", "openAlerts": 0, "openAlertsBySeverity": {"warning": 0, "critical": 0},
                   "eventsPerSecond": 12.5, "lastEventTime": null, "lastComputedAt": null, "features": 3,
                   "driftedFeatures": 0, "hasReference": true}]}],
                 "partial": false, "unavailable": []}""");
        final JsonNode alerts = JSON.readTree("{\"alerts\": [], \"partial\": false, \"unavailable\": []}");
        final List<ApiRoute> routes = List.of(
                ApiRoute.get("/api/models", request -> ApiResponse.ok(models)),
                ApiRoute.get("/api/alerts", request -> ApiResponse.ok(alerts)));
        try (ApiServer server = new ApiServer(new HttpSettings("127.0.0.1", 0, null, TOKEN), routes)) {
            server.start();
            final String baseUrl = "http://127.0.0.1:" + server.port();
            final ChromeDriver driver = Chromium.start(profile, Path.of("target", "chromedriver-token.log"));
            try {
                final ConsoleSession console = new ConsoleSession(driver, baseUrl, SCREENSHOTS, null);
                console.open("#/");
                final WebElement input = console.await("#token-form #token-input", PAGE_TIMEOUT);
                assertThat(input.getAttribute("type")).isEqualTo("password");
                assertThat(driver.findElements(By.cssSelector("label[for=\"token-input\"]"))).hasSize(1);

                input.sendKeys("wrong-token-wrong-token-wrong");
                console.click("#token-form button[type=\"submit\"]", PAGE_TIMEOUT);
                final String rejected = ConsoleSession.messages("en").get("token.rejected");
                console.awaitTrue("the notice of a rejected token", PAGE_TIMEOUT,
                        browser -> String.valueOf(console.text("#token-page")).contains(rejected));

                final WebElement retry = console.await("#token-form #token-input", PAGE_TIMEOUT);
                retry.clear();
                retry.sendKeys(TOKEN);
                console.click("#token-form button[type=\"submit\"]", PAGE_TIMEOUT);
                console.awaitPage("#overview-table [data-model=\"token-model\"][data-version=\"7\"]", PAGE_TIMEOUT);
                console.screenshot("console-token-accepted");

                // Chromium logs each 401 response as a failed load, and this test causes them on purpose.
                assertThat(console.severeMessages()).as("browser errors other than the 401 responses")
                        .filteredOn(message -> !message.contains("status of 401"))
                        .isEmpty();
                assertThat(console.foreignRequests()).as("requests outside %s", baseUrl).isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    /** Returns the folder that {@value #DOCS_PROPERTY} names, or null when the property is not set. */
    private static Path docsImages() {
        final String folder = System.getProperty(DOCS_PROPERTY);
        return folder == null || folder.isBlank() ? null : Path.of(folder);
    }

    /** Returns an open alert of the demo model on {@code feature} with contributors, as the API lists it. */
    private static JsonNode openAlertOf(final String baseUrl, final String feature) throws Exception {
        final String url = baseUrl + "/api/alerts?state=open&model=" + MODEL;
        final JsonNode page = JSON.readTree(HttpPolling.awaitBody(url, "\"feature\":\"" + feature + "\"", PAGE_TIMEOUT));
        for (final JsonNode alert : page.path("alerts")) {
            if (feature.equals(alert.path("feature").asText()) && !alert.path("contributors").isEmpty()) {
                return alert;
            }
        }
        throw new AssertionError("no open alert with contributors on " + feature + " at " + url + ": " + page);
    }

}
