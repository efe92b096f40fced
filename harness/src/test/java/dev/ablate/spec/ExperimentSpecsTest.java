package dev.ablate.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ablate.run.StagePipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every spec shipped under {@code experiments/} is valid, passes the harness's semantic checks and plans a trial. */
class ExperimentSpecsTest {

    static List<Path> specs() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("..", "experiments"))) {
            List<Path> specs = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(specs.isEmpty(), "specs found under experiments/");
            return specs;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void plans(Path file) throws IOException {
        Spec spec = SpecLoader.parse(Files.readString(file), file);
        Plan plan = Planner.plan(spec, "fingerprint", Planner.DEFAULT_MAX_TRIALS, StagePipeline::check);
        assertTrue(plan.trials().size() > 0, file + " plans no trial");
        plan.trials().forEach(Trial::typed); // every resolved config reads as typed values
    }
}
