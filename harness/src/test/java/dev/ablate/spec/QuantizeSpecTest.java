package dev.ablate.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code compress.quantize} language: format variants, per-layer overrides, QAT settings and layer-wise sweeps. */
class QuantizeSpecTest {

    private static final String HEAD = "experiment: t\ndataset: {name: synthetic}\n";

    private static Plan plan(String text) {
        return Planner.plan(SpecLoader.parse(text, Path.of("t.yaml")), "fp", Planner.DEFAULT_MAX_TRIALS);
    }

    @Test
    void fixedWidthFormatsDropIntegerKeysSoSweepingThemMergesDuplicates() {
        Plan p = plan(HEAD + "sweep:\n  grid:\n    compress.quantize.weights.format: [int, fp16, mxfp4, codebook]\n"
                + "    compress.quantize.weights.granularity: [per-tensor, per-channel]\n");
        // int: 2 granularities; fp16, mxfp4, codebook: granularity does not apply, so each is one trial
        assertEquals(5, p.trials().size());
        assertEquals(3, p.duplicates());
        JsonNode fp16 = p.trials().stream().filter(t -> t.typed().quantize().weights().format().equals("fp16"))
                .findFirst().orElseThrow().config().at("/compress/quantize/weights");
        assertEquals(List.of("format", "rounding"), fieldNames(fp16));
        JsonNode codebook = p.trials().stream().filter(t -> t.typed().quantize().weights().format().equals("codebook"))
                .findFirst().orElseThrow().config().at("/compress/quantize/weights");
        assertEquals(List.of("format", "bits"), fieldNames(codebook));
        assertEquals(16, p.trials().get(2).typed().quantize().weights().elementBits());
    }

    @Test
    void scaledFloatFormatsTakeScaleKeysAndTheRawGridDropsThem() {
        Plan p = plan(HEAD + "sweep:\n  grid:\n    compress.quantize.weights.format: [fp8-e4m3, fp4-e2m1, nvfp4]\n"
                + "    compress.quantize.weights.granularity: [per-channel, none]\n"
                + "    compress.quantize.weights.calibration: [minmax, mse]\n");
        // fp8 and fp4: per-channel x 2 calibrations + raw (calibration dropped); nvfp4: neither key applies
        assertEquals(7, p.trials().size());
        assertEquals(5, p.duplicates());
        JsonNode scaled = weightsOf(p, "fp4-e2m1", Granularity.PER_CHANNEL);
        assertEquals(List.of("format", "granularity", "rounding", "power_of_two", "calibration"), fieldNames(scaled));
        assertEquals(List.of("format", "granularity", "rounding"), fieldNames(weightsOf(p, "fp4-e2m1", Granularity.NONE)));
        assertEquals(List.of("format", "rounding"), fieldNames(weightsOf(p, "nvfp4", Granularity.PER_TENSOR)));
        assertTrue(p.trials().stream().filter(t -> t.typed().quantize().weights().format().equals("fp8-e4m3"))
                .allMatch(t -> t.typed().quantize().weights().elementBits() == 8));
    }

    @Test
    void floatActivationsDropTheIntegerKeys() {
        Plan p = plan(HEAD + "base:\n  compress:\n    quantize:\n      activations: {bits: 4, symmetric: true}\n"
                + "sweep:\n  grid:\n    compress.quantize.activations.format: [int, fp8-e5m2, fp4-e2m1]\n");
        assertEquals(3, p.trials().size());
        ActivationQuantConfig integer = p.trials().get(0).typed().quantize().activations();
        assertEquals(new ActivationQuantConfig("int", 4, true, "minmax", 32, 0), integer);
        JsonNode fp8 = p.trials().get(1).config().at("/compress/quantize/activations");
        assertEquals(List.of("format", "calibration"), fieldNames(fp8));
        assertEquals(8, p.trials().get(1).typed().quantize().activations().bits());
        assertEquals(4, p.trials().get(2).typed().quantize().activations().bits());
        assertFalse(p.trials().get(2).typed().quantize().activations().integer());
    }

    private static JsonNode weightsOf(Plan p, String format, Granularity granularity) {
        return p.trials().stream().filter(t -> t.typed().quantize().weights().format().equals(format)
                        && t.typed().quantize().weights().granularity() == granularity)
                .findFirst().orElseThrow().config().at("/compress/quantize/weights");
    }

    @Test
    void groupSizeAndPercentileApplyOnlyWhereTheyMean() {
        Plan p = plan(HEAD + "base:\n  compress:\n    quantize:\n      weights: {group_size: 64, percentile: 0.99}\n"
                + "sweep:\n  grid:\n    compress.quantize.weights.granularity: [per-channel, per-group]\n");
        JsonNode perChannel = p.trials().get(0).config().at("/compress/quantize/weights");
        JsonNode perGroup = p.trials().get(1).config().at("/compress/quantize/weights");
        assertTrue(perChannel.path("group_size").isMissingNode());
        assertTrue(perChannel.path("percentile").isMissingNode(), "calibration minmax drops percentile");
        assertEquals(64, perGroup.get("group_size").asInt());
        assertEquals(Granularity.PER_GROUP, p.trials().get(1).typed().quantize().weights().granularity());
    }

    @Test
    void qatSettingsExistOnlyForQat() {
        Plan p = plan(HEAD + "base:\n  compress:\n    quantize: {qat: {epochs: 3, lr: 0.002, lsq: true}}\n"
                + "sweep:\n  grid:\n    compress.quantize.method: [ptq, qat]\n");
        assertEquals(2, p.trials().size());
        assertNull(p.trials().get(0).typed().quantize().qat());
        assertEquals(new QatConfig(3, 0.002, true, 0, null), p.trials().get(1).typed().quantize().qat());
        assertEquals("qat", p.trials().get(1).typed().technique());
    }

    @Test
    void perLayerOverridesAreSweepableAndApplyOverTheStepsWeights() {
        Plan p = plan(HEAD + "base:\n  compress:\n    quantize:\n      weights: {bits: 4}\n"
                + "      layers: {fc1: {bits: 8}}\n"
                + "sweep:\n  grid:\n    compress.quantize.layers.fc2.format: [int, ternary]\n");
        QuantizeConfig q = p.trials().get(1).typed().quantize();
        assertEquals(8, q.weightsFor("fc1").bits());
        assertEquals("ternary", q.weightsFor("fc2").format());
        assertEquals(4, q.weightsFor("fc3").bits());
    }

    @Test
    void activationsAndOptionsResolveWithDefaults() {
        Plan p = plan(HEAD + "base:\n  compress:\n    quantize:\n      activations: {calibration: {method: kl}}\n"
                + "      mixed_precision: {budget: 0.2}\n");
        QuantizeConfig q = p.trials().get(0).typed().quantize();
        assertEquals(new ActivationQuantConfig("int", 8, false, "kl", 32, 0), q.activations());
        assertEquals(new MixedPrecisionConfig(0.2, List.of(2, 4, 8)), q.mixedPrecision());
        assertTrue(q.foldBatchNorm());
        assertTrue(q.deploy());
        assertFalse(q.layerwise());
    }

    @Test
    void layerwiseBlockMultipliesThePointsAndFlagsThem() {
        Plan p = plan(HEAD + "sweep:\n  grid: {model.hidden: [[32], [64]]}\n"
                + "  layerwise:\n    compress.quantize.weights.bits: [2, 4]\n");
        assertEquals(4, p.trials().size());
        for (Trial t : p.trials()) {
            assertTrue(t.typed().quantize().layerwise(), t.sweepPoint().toString());
        }
        assertEquals(List.of(2, 4, 2, 4), p.trials().stream().map(t -> t.typed().quantize().weights().bits()).toList());
    }

    @Test
    void badLayerNamesAndOverrideKeysAreLocated() {
        SpecException e = assertThrows(SpecException.class, () -> plan(HEAD
                + "base:\n  compress:\n    quantize:\n      layers: {FC1: {bits: 4}}\n"));
        assertEquals("t.yaml:6:16: base.compress.quantize.layers.FC1: 'FC1' is not a layer name (fc1, conv2, …)",
                e.getMessage());
        e = assertThrows(SpecException.class, () -> plan(HEAD
                + "base:\n  compress:\n    quantize:\n      layers: {fc1: {bitz: 4}}\n"));
        assertTrue(e.getMessage().startsWith("t.yaml:6:22: base.compress.quantize.layers.fc1.bitz: unknown key 'bitz'"),
                e.getMessage());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
