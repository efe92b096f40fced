package dev.ablate.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.results.query.ResultsQueryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a notebook reads results unless told otherwise, found like the launcher finds its checkout, and given
 * relative to the working directory so committed outputs hold no absolute paths; an empty root says what to do.
 */
class ResultsSessionTest {

    @TempDir
    Path dir;

    @Test
    void theRunningHarnessIsInACheckoutWithTheLauncher() {
        Checkout checkout = Checkout.running().orElseThrow();
        assertTrue(Files.isRegularFile(checkout.dir().resolve("ablate")), checkout.toString());
        assertEquals(checkout.dir().resolve("results"), checkout.results());
        assertEquals(checkout.dir().resolve("notebooks"), checkout.notebooks());
        assertEquals(Optional.of(checkout), Checkout.containing(checkout.dir().resolve("harness/target/classes")));
        assertEquals(Optional.empty(), Checkout.containing(dir));
    }

    @Test
    void theDefaultRootIsAblateResultsElseTheCheckoutsRelativeToTheWorkingDirectory() {
        Optional<Checkout> checkout = Optional.of(new Checkout(Path.of("/work/ablate")));
        assertEquals(Path.of("/data/sweeps"), ResultsSession.defaultRoot(Map.of("ABLATE_RESULTS", "/data/sweeps"),
                checkout, Path.of("/work/ablate/notebooks")));
        assertEquals(Path.of("../results"), ResultsSession.defaultRoot(Map.of("ABLATE_RESULTS", " "), checkout,
                Path.of("/work/ablate/notebooks")));
        assertEquals(Path.of("results"), ResultsSession.defaultRoot(Map.of(), checkout, Path.of("/work/ablate")));
        assertEquals(Path.of("results"), ResultsSession.defaultRoot(Map.of(), Optional.empty(), Path.of("/elsewhere")));
    }

    @Test
    void anEmptyRootSaysHowToGetResults() {
        try (ResultsSession session = new ResultsSession(dir)) {
            ResultsQueryException e = assertThrows(ResultsQueryException.class, () -> session.query("SELECT 1"));
            assertTrue(e.getMessage().startsWith("no results under " + dir + " yet: run a spec"), e.getMessage());
            assertEquals("results: " + dir + " (engine: duckdb; views: none yet)", session.describe());
        }
    }
}
