package dev.ablate.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * {@link HeadlessChromium#assumeAvailable()} without the binaries: skipped with the packages to install, failed under
 * {@code CI=true}. Needs no browser, so it runs everywhere.
 */
class HeadlessChromiumAvailabilityTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheBinariesATestIsSkippedButFailsOnCi() {
        Path none = dir.resolve("no-such-chromium");
        Path alsoNone = dir.resolve("no-such-chromedriver");

        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> HeadlessChromium.assumeAvailable(none, alsoNone, false));
        assertTrue(skipped.getMessage().contains("apt-get install chromium chromium-driver"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains(none.toString()), skipped.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> HeadlessChromium.assumeAvailable(none, alsoNone, true));
        assertTrue(failed.getMessage().contains("CI=true"), failed.getMessage());
    }
}
