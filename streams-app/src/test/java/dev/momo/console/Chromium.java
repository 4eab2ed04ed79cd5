package dev.momo.console;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts Debian's headless {@code chromium} through its {@code chromedriver} (package {@code chromium-driver},
 * the same version as the browser) for the console's browser tests.
 *
 * <p>Both paths are given to Selenium explicitly, so its Selenium Manager never runs and never downloads a
 * driver or a browser (Selenium 4.52's {@code DriverFinder} then logs "Skipping Selenium Manager, path to
 * chromedriver specified in Service class" at level FINE). The browser flags turn off Chromium's own background
 * traffic (component updates, sync, first-run pages, QUIC), and {@code --host-resolver-rules} makes every host
 * other than 127.0.0.1 unresolvable, IP literals included (checked with chromium 156), so a page reaches only
 * the servers that the tests start on 127.0.0.1.
 *
 * <p>The browser log ({@link LogType#BROWSER}: console messages, uncaught errors, failed loads) and the
 * performance log ({@link LogType#PERFORMANCE}: DevTools network events) are recorded for
 * {@code driver.manage().logs()}.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 1280;
    static final int HEIGHT = 900;

    /** Browser language: English first, so that the console starts in English whatever the machine's locale. */
    private static final String LANGUAGES = "en-US,en";

    private Chromium() {
    }

    /**
     * Fails when the browser or the driver is missing and the environment variable {@code CI} is {@code true}
     * (where {@code .ci/run} installs both), and skips the calling test otherwise.
     */
    static void requireInstalled() {
        final List<String> missing = Stream.of(BROWSER, DRIVER)
                .filter(path -> !Files.isExecutable(path))
                .map(Path::toString)
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("Missing " + String.join(" and ", missing) + " in CI (CI=true): .ci/run should have installed"
                    + " Debian's chromium and chromium-driver; check its output");
        }
        Assumptions.assumeTrue(false, "missing " + String.join(" and ", missing)
                + "; install them with 'apt-get install chromium chromium-driver'");
    }

    /**
     * Starts a headless browser with a window of {@value #WIDTH}x{@value #HEIGHT} pixels. Its viewport, which
     * screenshots show, is shorter by the window frame: 1280x757 with chromium 156.
     *
     * @param profile empty directory for the browser profile, so that no state leaks between runs
     * @param driverLog file that receives chromedriver's log
     */
    static ChromeDriver start(final Path profile, final Path driverLog) {
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .withTimeout(Duration.ofSeconds(30))
                .build();

        final ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-features=Translate,MediaRouter,OptimizationHints",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--force-device-scale-factor=1",
                "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + WIDTH + "," + HEIGHT);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", LANGUAGES));

        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        return new ChromeDriver(service, options);
    }
}
