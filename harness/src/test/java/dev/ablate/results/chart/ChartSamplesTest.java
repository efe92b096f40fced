package dev.ablate.results.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Writes each sample chart to {@code target/charts/<id>.svg} and {@code .png}, for a person to look at. */
class ChartSamplesTest {

    @Test
    void writeSamples() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "charts"));
        for (Chart chart : SampleCharts.all()) {
            Files.writeString(dir.resolve(chart.id() + ".svg"), chart.svg(), StandardCharsets.UTF_8);
            Files.write(dir.resolve(chart.id() + ".png"), chart.png());
            assertTrue(Files.size(dir.resolve(chart.id() + ".png")) > 0, chart.id());
        }
    }
}
