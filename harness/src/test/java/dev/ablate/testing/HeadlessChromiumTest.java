package dev.ablate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HeadlessChromium} on small pages written for the purpose: a clean page with inline SVG (no errors, no
 * requests, its circles counted by a script, a full-page screenshot), console errors and an uncaught exception, and
 * an image from a closed loopback port (a request, and the console error for it), stale pages and failing scripts. One
 * browser for the class. Without Chromium each test is skipped, or fails under {@code CI=true}.
 */
@ExtendWith(Chromium.class)
class HeadlessChromiumTest {

    /** Where the clean page's screenshot is kept for a person to look at (the working directory is harness/). */
    private static final Path SELFTEST_PNG = Path.of("target", "browser", "selftest.png");
    private static final String CLOSED_PORT_IMAGE = "http://127.0.0.1:9/x.png";

    @TempDir
    static Path dir;

    @Test
    void aCleanPageWithInlineSvgHasNoErrorsNoRequestsAndAFullPageScreenshot(HeadlessChromium browser)
            throws IOException {
        int circles = 7;
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='700' height='1500'>"
                + "<rect width='700' height='1500' fill='#f4f4f8'/>");
        for (int i = 0; i < circles; i++) {
            svg.append("<circle cx='").append(50 + 90 * i).append("' cy='").append(100 + 200 * i)
                    .append("' r='40' fill='hsl(").append(i * 50).append(",70%,50%)'/>");
        }
        svg.append("</svg>");
        // taller than the 800 px window, so a screenshot of the window alone would cut the last circles off
        Page page = browser.open(write("clean.html", "<!doctype html><html><head><meta charset='utf-8'>"
                + "<title>clean</title><style>body{margin:0;font:16px sans-serif}h1{margin:8px}</style></head><body>"
                + "<h1>Seven circles</h1>" + svg + "<img alt='dot' src='data:image/gif;base64,"
                + "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'></body></html>"));

        assertEquals(List.of(), page.consoleErrors());
        assertEquals(List.of(), page.requests(), "a data: URI is not a request");
        assertEquals((long) circles, page.eval("return document.querySelectorAll('svg circle').length"));

        page.screenshot(SELFTEST_PNG);
        BufferedImage png = ImageIO.read(SELFTEST_PNG.toFile());
        assertTrue(png != null && png.getWidth() > 0, "not a PNG: " + SELFTEST_PNG.toAbsolutePath());
        assertTrue(png.getHeight() >= 1500, "the whole page, not the window: height " + png.getHeight());
        @SuppressWarnings("unchecked")
        List<Number> last = (List<Number>) page.eval("const r = document.querySelectorAll('svg circle')[6]"
                + ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2 + window.scrollY];");
        int rgb = png.getRGB(last.get(0).intValue(), last.get(1).intValue()) & 0xffffff;
        assertTrue(rgb != 0xf4f4f8 && rgb != 0xffffff, "the last circle (below the window) is drawn: "
                + Integer.toHexString(rgb) + " at " + last);
    }

    @Test
    void consoleErrorsUncaughtExceptionsAndUnhandledRejectionsAreReported(HeadlessChromium browser) throws IOException {
        Page page = browser.open(write("errors.html", "<!doctype html><html><body><p>errors</p><script>"
                + "console.error('boom');\nconsole.log('not an error');\nconsole.warn('nor a warning');\n"
                + "Promise.reject(new Error('unhandled'));\nthrow new Error('kaput');</script></body></html>"));

        List<String> errors = page.consoleErrors();
        assertEquals(3, errors.size(), errors::toString);
        assertTrue(errors.get(0).contains("boom"), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("Uncaught Error: kaput")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.contains("Uncaught Error: unhandled")), errors::toString);
        assertEquals(List.of(), page.requests());
    }

    @Test
    void anImageFromAnotherOriginIsARequest(HeadlessChromium browser) throws IOException {
        // loopback port 9 (discard): Chromium refuses it as an unsafe port before connecting (ERR_UNSAFE_PORT), and
        // nothing listens there anyway; the request is still made, and the console reports its failure
        Page page = browser.open(write("remote.html", "<!doctype html><html><body><img src='" + CLOSED_PORT_IMAGE
                + "' alt='remote'></body></html>"));

        assertEquals(List.of(CLOSED_PORT_IMAGE), page.requests());
        List<String> errors = page.consoleErrors();
        assertTrue(errors.size() == 1 && errors.get(0).contains(CLOSED_PORT_IMAGE), errors::toString);
    }

    @Test
    void aPageIsStaleOnceTheBrowserOpensAnother(HeadlessChromium browser) throws IOException {
        Page first = browser.open(write("first.html", "<p>first</p>"));
        Page second = browser.open(write("second.html", "<p>second</p>"));

        IllegalStateException stale = assertThrows(IllegalStateException.class, first::requests);
        assertTrue(stale.getMessage().contains("no longer open"), stale.getMessage());
        assertEquals("second", second.eval("return document.body.textContent"));
    }

    @Test
    void aScriptThatThrowsSaysWhat(HeadlessChromium browser) throws IOException {
        Page page = browser.open(write("eval.html", "<p>eval</p>"));

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> page.eval("throw new Error('no such chart')"));
        assertTrue(thrown.getMessage().contains("no such chart"), thrown.getMessage());
    }

    private static Path write(String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html);
    }
}
