package dev.ablate.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A local HTML file as {@link HeadlessChromium} shows it: what its console reported, what it requested, what its
 * scripts compute and what it looks like.
 *
 * <p>Console errors and requests accumulate from the start of the load until the browser opens another page; each
 * call returns all of them so far, in order. Every method but {@link #url()} throws {@link IllegalStateException}
 * once the browser has opened another page or closed ("no longer open").
 */
public final class Page {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeadlessChromium browser;
    private final String url;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    Page(HeadlessChromium browser, String url) {
        this.browser = browser;
        this.url = url;
    }

    /** The {@code file:} URL the page was loaded from. */
    public String url() {
        return url;
    }

    /**
     * Console messages at error level ({@code console.error}, resources that failed to load) and uncaught exceptions
     * (including unhandled promise rejections), each as Chromium words it, e.g. {@code file:///tmp/p.html 0:56 "boom"},
     * {@code file:///tmp/p.html 2:6 Uncaught Error: kaput} or
     * {@code http://127.0.0.1:9/x.png - Failed to load resource: net::ERR_UNSAFE_PORT}.
     */
    public List<String> consoleErrors() {
        collect();
        return List.copyOf(consoleErrors);
    }

    /**
     * Every URL the page asked the browser to fetch (documents, scripts, styles, images, fonts, frames, fetch/XHR),
     * whether or not it loaded, except its own document. {@code data:}, {@code blob:} and {@code about:} URLs are
     * not requests: their content is in the page already. A self-contained page has none. (WebSocket connections are
     * not listed: Chromium reports them as other events.)
     */
    public List<String> requests() {
        collect();
        return List.copyOf(requests);
    }

    /**
     * Runs {@code js} as the body of a function in the page and returns what it returns, as Selenium converts it:
     * {@code Long} for integral numbers, {@code Double}, {@code Boolean}, {@code String}, {@code List}, {@code Map},
     * or {@code null} (also when there is no {@code return}).
     *
     * @throws IllegalStateException if the script throws or runs longer than {@link HeadlessChromium#TIMEOUT}
     */
    public Object eval(String js) {
        Objects.requireNonNull(js, "js");
        ChromeDriver driver = browser.driver(this);
        try {
            return driver.executeScript(js);
        } catch (ScriptTimeoutException e) {
            throw new IllegalStateException(url + ": script did not return within "
                    + HeadlessChromium.TIMEOUT.toSeconds() + " s: " + js, e);
        } catch (JavascriptException e) {
            throw new IllegalStateException(url + ": script threw: " + e.getRawMessage() + "\n  script: " + js, e);
        }
    }

    /**
     * Waits until {@code document.readyState} is {@code complete}; {@link HeadlessChromium#open(Path)} already did.
     *
     * @throws IllegalStateException if it is not within {@link HeadlessChromium#TIMEOUT}
     */
    public void awaitComplete() {
        long deadline = System.nanoTime() + HeadlessChromium.TIMEOUT.toNanos();
        Object state = eval("return document.readyState");
        while (!"complete".equals(state)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(url + ": document.readyState still '" + state + "' after "
                        + HeadlessChromium.TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(url + ": interrupted while waiting for the document to be complete",
                        e);
            }
            state = eval("return document.readyState");
        }
    }

    /**
     * Writes a PNG of the whole page, not just the 1280×800 window: the document's full CSS width and height at one
     * device pixel per CSS pixel. Creates missing parent directories and replaces an existing file.
     *
     * @throws IllegalStateException if Chromium cannot capture the page
     * @throws UncheckedIOException if the file cannot be written
     */
    public void screenshot(Path png) {
        ChromeDriver driver = browser.driver(this);
        byte[] bytes;
        try {
            JsonNode size = JSON.valueToTree(driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()))
                    .path("cssContentSize");
            double width = Math.ceil(size.path("width").asDouble());
            double height = Math.ceil(size.path("height").asDouble());
            if (!(width > 0 && height > 0)) {
                throw new IllegalStateException(url + ": page has no size to capture: " + size);
            }
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            bytes = Base64.getDecoder().decode((String) shot.get("data"));
        } catch (WebDriverException e) {
            throw new IllegalStateException(url + ": cannot capture a screenshot: " + e.getRawMessage(), e);
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.write(png, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot of " + url + " to " + png, e);
        }
    }

    /** Moves what the browser logged since the last call into this page's lists. */
    void collect() {
        ChromeDriver driver = browser.driver(this);
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode event = parse(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(event.path("method").asText())) {
                String requested = event.path("params").path("request").path("url").asText();
                if (isRequest(requested)) {
                    requests.add(requested);
                }
            }
        }
    }

    private boolean isRequest(String requested) {
        return !requested.equals(url) && !requested.startsWith("data:") && !requested.startsWith("blob:")
                && !requested.startsWith("about:");
    }

    private static JsonNode parse(String performanceLogMessage) {
        try {
            return JSON.readTree(performanceLogMessage);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chromedriver's performance log is not JSON: " + performanceLogMessage, e);
        }
    }
}
