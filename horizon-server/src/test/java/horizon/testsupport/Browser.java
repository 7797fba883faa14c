package horizon.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium for browser tests. {@link #open} skips the test (JUnit assumption) when
 * /usr/bin/chromium or /usr/bin/chromedriver is missing; {@code .ci/run} installs both so CI always runs them.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(String baseUrl, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /** Starts a headless Chromium with a fresh profile, or skips the calling test when none is installed. */
    public static Browser open(String baseUrl) {
        return open(baseUrl, Map.of());
    }

    /**
     * The same, blocking third-party cookies as a user's setting does ({@code profile.block_third_party_cookies}):
     * a cookie set inside a cross-site frame is refused unless it is {@code Partitioned}.
     */
    public static Browser withoutThirdPartyCookies(String baseUrl) {
        return open(baseUrl, Map.of("profile.block_third_party_cookies", true, "profile.cookie_controls_mode", 1));
    }

    private static Browser open(String baseUrl, Map<String, Object> preferences) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: needs Debian's chromium and chromium-driver at /usr/bin "
                        + "(apt-get install chromium chromium-driver; .ci/run installs them)");
        Path profile;
        try {
            profile = Files.createTempDirectory("horizon-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL); // so tests can read what the console said, CSP refusals included
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        try {
            return new Browser(baseUrl, profile, service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(path.startsWith("http") ? path : baseUrl + path);
        return this;
    }

    /** Signs in through the login page and waits until the browser has left it. */
    public Browser login(String email, String password) {
        go("/login");
        type(By.id("username"), email);
        type(By.id("password"), password);
        click(By.id("sign-in"));
        until(d -> !d.getCurrentUrl().contains("/login") || !d.findElements(By.id("login-error")).isEmpty());
        return this;
    }

    public WebElement find(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public Browser type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    public Browser click(By by) {
        until(ExpectedConditions.elementToBeClickable(by)).click();
        return this;
    }

    /** The visible text of an element, re-read until it contains {@code expected} or the wait runs out. */
    public String waitForText(By by, String expected) {
        until(ExpectedConditions.textToBePresentInElementLocated(by, expected));
        return find(by).getText();
    }

    /** Waits (up to 15 s) for a condition, ignoring elements that htmx swapped out meanwhile. */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    public String currentPath() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /**
     * What the browser refused under a page's Content-Security-Policy since the last call, as its console said it
     * ("…/login 10 Executing inline script violates the following Content Security Policy directive 'script-src
     * 'self''…").
     */
    public List<String> contentSecurityPolicyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /** Saves the current page as target/screenshots/NAME.png and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless; the test result is what matters
        }
    }
}
