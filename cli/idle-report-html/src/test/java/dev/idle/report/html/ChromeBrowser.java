package dev.idle.report.html;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A headless Chromium from the machine's packages (Debian {@code chromium} + {@code chromium-driver}), driven by
 * Selenium, offline: the driver is given, never downloaded. Without them the browser tests are skipped, unless
 * {@code IDLE_REQUIRE_BROWSER=true} (CI) makes that a failure. One browser per instance; close it.
 */
final class ChromeBrowser implements AutoCloseable {
    static final Path BINARY = Path.of(System.getenv().getOrDefault("IDLE_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("IDLE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /** Where screenshots go: the module's build folder, kept by CI with the test reports. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;

    private ChromeBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser, or skips the test (fails it under {@code IDLE_REQUIRE_BROWSER=true}) when none is here. */
    static ChromeBrowser start() {
        if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
            String why = "no headless browser here (" + BINARY + ", " + DRIVER + "): apt-get install chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("IDLE_REQUIRE_BROWSER"))) {
                Assertions.fail(why + "; IDLE_REQUIRE_BROWSER=true");
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new ChromeBrowser(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens a report file the way a reviewer does: from disk, offline. */
    void open(Path html) {
        driver.get(html.toUri().toString());
    }

    /** The console's errors since the last call (a refused script or style counts: CSP violations are errors). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Saves a PNG of the page as {@code target/screenshots/<name>.png} and returns its path. */
    Path screenshot(String name) throws java.io.IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file.toAbsolutePath();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
