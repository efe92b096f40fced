package dev.ablate.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * One headless Chromium (Debian's {@code chromium}) driven through Debian's {@code chromedriver}, for tests that
 * need to know what a person opening an HTML file would see: {@link #open(Path)} loads a local file and returns a
 * {@link Page} that reports console errors, network requests, script values and a full-page screenshot.
 *
 * <p>Binaries: {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the paths in the environment variables
 * {@code CHROME_BIN} and {@code CHROMEDRIVER}. Nothing is ever downloaded: the driver path is given to Selenium
 * explicitly, so Selenium Manager never runs. A test class takes its browser from the {@link Chromium} extension, which
 * calls {@link #assumeAvailable()} before each test: without the binaries each test is skipped with the reason, except
 * under {@code CI=true}, where it fails. (An assumption in {@code @BeforeAll} would skip the class silently: Surefire
 * reports it as no tests at all, SUREFIRE-2300.)
 *
 * <p>Isolation: every browser starts with a new empty profile in a temporary directory (deleted by {@link #close()}),
 * with as much of Chromium's own background traffic (updates, sync, field trials, QUIC) switched off as its flags
 * allow, and with every request to a host other than loopback sent to a proxy on a closed loopback port: a page under
 * test that names a remote host (a CDN script in a report) is recorded by {@link Page#requests()}, and neither that
 * request nor what Chromium still sends on its own reaches the network.
 *
 * <p>Bounds: page loads and scripts time out after {@link #TIMEOUT}; every wait that gives up throws an
 * {@link IllegalStateException} saying what it waited for. One page is open at a time: {@link #open(Path)} makes
 * the previous {@link Page} stale. Not thread-safe; one browser per test class is the intended use.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** The bound on a page load, a script and a wait for the document to be complete. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DEFAULT_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String PACKAGES = "apt-get install chromium chromium-driver";

    /**
     * Flags this machine and CI need: headless without a sandbox (tests run as root) or a GPU; no QUIC, first-run
     * dialogs, background networking, component updates or sync, whose connections a closed network refuses; no
     * scrollbars, so a screenshot shows only the page.
     */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
            // Everything but loopback (Chromium bypasses the proxy for it implicitly) goes to a proxy on a closed
            // loopback port and fails there: a page's remote URL, and the requests Chromium still makes on its own
            // despite the flags above (clients2.google.com/time, update.googleapis.com, accounts.google.com, seen
            // with chromium 156). Fails closed: a fixed proxy has no direct fallback.
            "--proxy-server=http://127.0.0.1:9", "--window-size=1280,800");

    /**
     * Selenium's versioned DevTools bindings are not on the class path (only chromedriver's CDP pass-through is
     * used), so ChromiumDriver warns about every browser it starts; held here because JUL keeps loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final Path profile;
    private final ChromeDriver driver;
    private Page current;

    private HeadlessChromium(Path chromium, Path chromedriver) {
        missing(chromium, chromedriver).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        try {
            profile = Files.createTempDirectory("ablate-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Chromium profile", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        // browser: console messages and uncaught exceptions; performance: the DevTools Network events
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
        options.setPageLoadTimeout(TIMEOUT);
        options.setScriptTimeout(TIMEOUT);
        options.setImplicitWaitTimeout(Duration.ZERO);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withTimeout(TIMEOUT)
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            // longer than the page load and script timeouts, so that chromedriver's own message reports those
            ClientConfig http = ClientConfig.defaultConfig().readTimeout(TIMEOUT.multipliedBy(2));
            driver = new ChromeDriver(service, options, http);
        } catch (SessionNotCreatedException e) {
            deleteProfile();
            throw new IllegalStateException("cannot start " + chromium + " through " + chromedriver + " (are the two"
                    + " from the same Chromium release? " + PACKAGES + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteProfile();
            throw e;
        }
    }

    /**
     * Starts a browser from {@link #chromium()} and {@link #chromedriver()}.
     *
     * @throws IllegalStateException if a binary is missing or the browser does not start within {@link #TIMEOUT}
     */
    public static HeadlessChromium launch() {
        return new HeadlessChromium(chromium(), chromedriver());
    }

    /** The browser binary: {@code $CHROME_BIN}, else {@code /usr/bin/chromium}. */
    public static Path chromium() {
        return fromEnvironment("CHROME_BIN", DEFAULT_CHROMIUM);
    }

    /** The driver binary: {@code $CHROMEDRIVER}, else {@code /usr/bin/chromedriver}. */
    public static Path chromedriver() {
        return fromEnvironment("CHROMEDRIVER", DEFAULT_CHROMEDRIVER);
    }

    /** Whether both {@link #chromium()} and {@link #chromedriver()} are executable files. */
    public static boolean available() {
        return missing(chromium(), chromedriver()).isEmpty();
    }

    /**
     * Skips the calling test (a JUnit assumption) when the browser is not {@link #available()}, with a message naming
     * the packages to install; under {@code CI=true} fails it instead, because CI must really run the browser. Call it
     * per test ({@code @BeforeEach}), not in {@code @BeforeAll}, so that the skip shows in Surefire's report.
     */
    public static void assumeAvailable() {
        assumeAvailable(chromium(), chromedriver(), "true".equals(System.getenv("CI")));
    }

    static void assumeAvailable(Path chromium, Path chromedriver, boolean ci) {
        Optional<String> missing = missing(chromium, chromedriver);
        if (missing.isEmpty()) {
            return;
        }
        if (ci) {
            Assertions.fail(missing.get() + " (CI=true: the browser tests must run there, so this is a failure)");
        }
        Assumptions.abort(missing.get());
    }

    /**
     * Loads a local HTML file and waits until its document is complete (the load event has fired, so images and
     * their failures are in).
     *
     * @param html an existing file; relative paths resolve against the working directory
     * @return the page, current until the next {@code open}
     * @throws IllegalArgumentException if {@code html} is not a regular file
     * @throws IllegalStateException if the page does not finish loading within {@link #TIMEOUT}
     */
    public Page open(Path html) {
        if (!Files.isRegularFile(html)) {
            throw new IllegalArgumentException("html: not a file: " + html.toAbsolutePath());
        }
        String url = html.toAbsolutePath().normalize().toUri().toString();
        // Leaving through about:blank ends the previous page (or the start page, which may be Chromium's new tab
        // page, still loading its chrome:// resources): its last events are in the logs once this returns.
        navigate("about:blank");
        if (current != null) {
            current.collect(); // what the previous page logged stays with it
            current = null;
        } else {
            driver.manage().logs().get(LogType.BROWSER);
            driver.manage().logs().get(LogType.PERFORMANCE);
        }
        navigate(url);
        current = new Page(this, url);
        current.awaitComplete();
        return current;
    }

    private void navigate(String url) {
        try {
            driver.get(url);
        } catch (TimeoutException e) {
            throw new IllegalStateException(url + ": did not finish loading within " + TIMEOUT.toSeconds()
                    + " s (page load timeout)", e);
        }
    }

    ChromeDriver driver(Page page) {
        if (page != current) {
            throw new IllegalStateException(page.url() + ": no longer open (this browser shows one page at a time;"
                    + " " + (current == null ? "none is open now" : current.url() + " is open now") + ")");
        }
        return driver;
    }

    /** Quits the browser and its driver and deletes the temporary profile. */
    @Override
    public void close() {
        current = null;
        try {
            driver.quit();
        } catch (WebDriverException e) {
            // the driver is already gone: nothing left to stop
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary Chromium profile " + profile, e);
        }
    }

    /** Why the browser cannot run; empty if both binaries are executable files. */
    static Optional<String> missing(Path chromium, Path chromedriver) {
        List<String> problems = new ArrayList<>();
        if (!Files.isExecutable(chromium) || Files.isDirectory(chromium)) {
            problems.add("no executable " + chromium + " ($CHROME_BIN)");
        }
        if (!Files.isExecutable(chromedriver) || Files.isDirectory(chromedriver)) {
            problems.add("no executable " + chromedriver + " ($CHROMEDRIVER)");
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of("headless Chromium not available: "
                + String.join(", ", problems) + "; install it with: " + PACKAGES);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static Path fromEnvironment(String variable, Path otherwise) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? otherwise : Path.of(value);
    }
}
