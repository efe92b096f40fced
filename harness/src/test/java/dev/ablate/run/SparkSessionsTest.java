package dev.ablate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a cluster's executors are sent. */
class SparkSessionsTest {

    @TempDir
    Path dir;

    @Test
    void shipsTheHarnessAndOnlyTheLibrariesSparkLacks() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String jar : List.of("tribuo-core-4.3.2.jar", "olcut-core-5.3.1.jar", "spark-core_2.13-4.0.4.jar",
                "jackson-databind-2.18.6.jar", "jackson-dataformat-yaml-2.18.6.jar", "snakeyaml-2.3.jar", "notes.txt")) {
            Files.createFile(lib.resolve(jar));
        }
        Path harness = Files.createFile(dir.resolve("ablate-harness.jar"));
        assertEquals(List.of(harness.toString(), lib.resolve("jackson-dataformat-yaml-2.18.6.jar").toString(),
                        lib.resolve("olcut-core-5.3.1.jar").toString(), lib.resolve("snakeyaml-2.3.jar").toString(),
                        lib.resolve("tribuo-core-4.3.2.jar").toString()),
                SparkSessions.jarsToShip(harness));
    }
}
