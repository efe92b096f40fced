package dev.ablate.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of malformed specs: each must fail with exactly one message that names the file, the line and
 * column, the key path and the problem.
 */
class SpecValidationTest {

    private static final String HEAD = "experiment: t\ndataset: {name: synthetic}\n";

    static Stream<Arguments> malformedSpecs() {
        return Stream.of(
                // name, spec text, expected "line:col", expected fragment of the message
                bad("unknown top-level key", HEAD + "seed: [1]\n", "3:1", "seed: unknown key 'seed' (did you mean 'seeds'?)"),
                bad("missing experiment", "dataset: {name: synthetic}\n", "1:1", "experiment: required key is missing"),
                bad("bad experiment name", "experiment: My Exp\ndataset: {name: synthetic}\n", "1:13",
                        "experiment: 'My Exp' is not a name of lowercase letters"),
                bad("experiment not a string", "experiment: [a]\ndataset: {name: synthetic}\n", "1:13",
                        "experiment: expected a name of lowercase"),
                bad("missing dataset", "experiment: t\n", "1:1", "dataset: required key is missing"),
                bad("unknown dataset", "experiment: t\ndataset: {name: fashion-mnst}\n", "2:17",
                        "dataset.name: unknown value 'fashion-mnst'; expected one of fashion-mnist, fashion-mnist-mini, csv, synthetic (did you mean 'fashion-mnist'?)"),
                bad("dataset key for another dataset", "experiment: t\ndataset: {name: fashion-mnist, path: x.csv}\n", "2:32",
                        "dataset.path: does not apply to dataset 'fashion-mnist'"),
                bad("csv without label", "experiment: t\ndataset: {name: csv, path: x.csv}\n", "2:10",
                        "dataset.label: required for dataset 'csv'"),
                bad("negative validation", "experiment: t\ndataset: {name: synthetic, validation: -1}\n", "2:40",
                        "dataset.validation: out of range: expected an integer >= 0, got -1"),
                bad("seeds not a list", HEAD + "seeds: 3\n", "3:8", "seeds: expected a list whose items are an integer >= 0, got an integer 3"),
                bad("empty seeds", HEAD + "seeds: []\n", "3:8", "seeds: needs at least 1 item, got 0"),
                bad("betas of wrong length", HEAD + "base:\n  train: {optimizer: adam, betas: [0.9]}\n", "4:35",
                        "base.train.betas: needs exactly 2 items, got 1"),
                bad("unknown optimizer", HEAD + "base:\n  train: {optimizer: adagrad}\n", "4:22",
                        "base.train.optimizer: unknown value 'adagrad'; expected one of sgd, adam, adamw"),
                bad("unknown schedule", HEAD + "base:\n  train: {schedule: {name: cosin}}\n", "4:28",
                        "unknown value 'cosin'; expected one of none, step, cosine (did you mean 'cosine'?)"),
                bad("unknown arch", HEAD + "base:\n  model: {arch: lenet5}\n", "4:17",
                        "base.model.arch: unknown value 'lenet5'; expected one of logreg, mlp, lenet-300-100, lenet-5, cnn-bn (did you mean 'lenet-5'?)"),
                bad("duplicate seeds", HEAD + "seeds: [1, 1]\n", "3:8", "seeds: seeds must be distinct"),
                bad("unknown base key with suggestion", HEAD + "base:\n  modle: {arch: mlp}\n", "4:3",
                        "base.modle: unknown key 'modle' (did you mean 'model'?)"),
                bad("unknown nested key", HEAD + "base:\n  train: {epochs: 2, lr_rate: 0.1}\n", "4:22",
                        "base.train.lr_rate: unknown key 'lr_rate'"),
                bad("wrong type int", HEAD + "base:\n  train: {epochs: two}\n", "4:19",
                        "base.train.epochs: expected an integer in [0, 10000], got a string 'two'"),
                bad("fractional int", HEAD + "base:\n  train: {batch: 6.5}\n", "4:18", "base.train.batch: expected an integer"),
                bad("negative lr", HEAD + "base:\n  train: {lr: -0.1}\n", "4:15", "base.train.lr: out of range: expected a number in (0, inf], got -0.1"),
                bad("momentum out of range", HEAD + "base:\n  train: {momentum: 1.0}\n", "4:21", "base.train.momentum: out of range"),
                bad("bool expected", HEAD + "base:\n  compress: {quantize: {weights: {symmetric: maybe}}}\n", "4:46",
                        "base.compress.quantize.weights.symmetric: expected true or false, got a string 'maybe'"),
                bad("bits too large", HEAD + "base:\n  compress: {quantize: {weights: {bits: 32}}}\n", "4:41",
                        "base.compress.quantize.weights.bits: out of range: expected an integer in [1, 16], got 32"),
                bad("unknown choice", HEAD + "base:\n  compress: {quantize: {weights: {granularity: per-chanel}}}\n", "4:48",
                        "unknown value 'per-chanel'; expected one of per-tensor, per-channel, per-group, none (did you mean 'per-channel'?)"),
                bad("hidden width zero", HEAD + "base:\n  model: {hidden: [10, 0]}\n", "4:24", "base.model.hidden[1]: out of range"),
                bad("model not a mapping", HEAD + "base:\n  model: mlp\n", "4:10", "base.model: expected a mapping, got a string 'mlp'"),
                bad("null model", HEAD + "base:\n  model: null\n", "4:10", "base.model: must not be null"),
                bad("sparsity out of range", HEAD + "base:\n  compress: {prune: {sparsity: 1.0}}\n", "4:32",
                        "base.compress.prune.sparsity: out of range: expected a number in [0, 1), got 1.0"),
                bad("empty sweep", HEAD + "sweep: {}\n", "3:8", "sweep: sweep is empty"),
                bad("unknown sweep block", HEAD + "sweep:\n  grd: {train.epochs: [1]}\n", "4:3",
                        "sweep.grd: unknown sweep block 'grd' (did you mean 'grid'?)"),
                bad("unknown sweep path", HEAD + "sweep:\n  grid:\n    compress.quantise.bits: [2]\n", "5:5",
                        "sweep.grid: unknown key 'compress.quantise.bits' (did you mean 'compress.quantize.weights.bits'?)"),
                bad("empty grid", HEAD + "sweep:\n  grid: {}\n", "4:9", "sweep.grid: is empty"),
                bad("empty axis", HEAD + "sweep:\n  grid:\n    train.epochs: []\n", "5:19",
                        "sweep.grid.train.epochs: empty list"),
                bad("axis not a list", HEAD + "sweep:\n  grid:\n    train.epochs: 3\n", "5:19",
                        "sweep.grid.train.epochs: expected a list of values to sweep"),
                bad("bad axis value", HEAD + "sweep:\n  grid:\n    compress.quantize.weights.bits: [4, 99]\n", "5:41",
                        "sweep.grid.compress.quantize.weights.bits[1]: out of range"),
                bad("zip length mismatch", HEAD + "sweep:\n  zip:\n    train.epochs: [1, 2]\n    train.lr: [0.1]\n", "6:5",
                        "sweep.zip.train.lr: zip axes must have equal lengths: 'train.epochs' has 2 values, 'train.lr' has 1"),
                bad("cases not a list", HEAD + "sweep:\n  cases: {train.epochs: 1}\n", "4:10", "sweep.cases: expected a list of mappings"),
                bad("case not a mapping", HEAD + "sweep:\n  cases: [3]\n", "4:11", "sweep.cases[0]: expected a mapping"),
                bad("bad case value", HEAD + "sweep:\n  cases:\n    - {train.batch: 0}\n", "5:21", "sweep.cases[0].train.batch: out of range"),
                bad("empty exclude entry", HEAD + "sweep:\n  grid: {train.epochs: [1]}\n  exclude: [{}]\n", "5:13",
                        "sweep.exclude[0]: an empty exclude entry would drop every point"),
                bad("overlapping blocks", HEAD + "sweep:\n  grid: {train.epochs: [1, 2]}\n  cases: [{train.epochs: 3}]\n", "5:3",
                        "sweep.cases: 'train.epochs' overlaps 'train.epochs' swept in sweep.grid"),
                bad("null for non-step", HEAD + "sweep:\n  grid: {train: [null]}\n", "4:18", "sweep.grid.train[0]: must not be null"),
                bad("duplicate key", HEAD + "base:\n  train: {epochs: 1}\n  train: {epochs: 2}\n", "5:3",
                        "base.train: duplicate key (first defined at line 4)"),
                bad("yaml syntax error", HEAD + "base: {train: [1, 2}\n", "3:20",
                        "YAML syntax error: while parsing a flow sequence: expected ',' or ']', but got }"),
                bad("yaml bad indentation", HEAD + "base:\n  train:\n    epochs: 1\n   batch: 2\n", "6:", "YAML syntax error"),
                bad("custom tag", HEAD + "base: !!python/object {a: 1}\n", "3:7", "YAML tags are not allowed"),
                bad("unknown alias", HEAD + "base: *nothing\n", "3:7", "alias '*nothing' refers to no anchor"),
                bad("not a mapping", "- a\n- b\n", "1:1", "a spec must be a mapping"),
                bad("empty document", "", "", "spec is empty"),
                bad("two documents", HEAD + "---\nexperiment: u\n", "4:1", "more than one YAML document"),
                bad("required sparsity missing", HEAD + "base:\n  compress: {prune: {finetune_epochs: 1}}\n", "",
                        "compress.prune.sparsity: required key is missing"),
                bad("alias bomb", billionLaughs(), "9:", "alias bomb"),
                bad("latency batch zero", HEAD + "base:\n  eval: {latency: {batch: [0]}}\n", "4:",
                        "base.eval.latency.batch[0]: out of range"),
                bad("latency neither a mapping nor off", HEAD + "base:\n  eval: {latency: fast}\n", "4:",
                        "base.eval.latency: expected a mapping, or off, got a string 'fast'"),
                bad("cost model neither built in nor a file", HEAD + "base:\n  eval: {cost_model: horowitz}\n", "4:",
                        "base.eval.cost_model: 'horowitz' is not a built-in cost table (horowitz-45nm) or the path"),
                bad("metrics cannot be off", HEAD + "base:\n  eval: off\n", "4:", "base.eval: must not be off"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSpecs")
    void rejectsWithOneLocatedMessage(String name, String text, String lineCol, String fragment) {
        SpecException e = assertThrows(SpecException.class, () -> plan(text));
        String message = e.getMessage();
        assertTrue(message.startsWith("spec.yaml:" + lineCol), () -> "location: " + message);
        assertTrue(message.contains(fragment), () -> "message: " + message);
        assertEquals(1, message.lines().count(), () -> "one line: " + message);
    }

    @org.junit.jupiter.api.Test
    void tableHasAtLeastThirtyCases() {
        assertTrue(malformedSpecs().count() >= 30);
    }

    private static void plan(String text) {
        Spec spec = SpecLoader.parse(text, Path.of("spec.yaml"));
        Planner.plan(spec, "fp", Planner.DEFAULT_MAX_TRIALS);
    }

    private static String billionLaughs() {
        StringBuilder sb = new StringBuilder(HEAD).append("x:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            sb.append("  ").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                sb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            sb.append("]\n");
            prev = c;
        }
        return sb.toString();
    }

    private static Arguments bad(String name, String text, String lineCol, String fragment) {
        return Arguments.of(name, text, lineCol, fragment);
    }
}
