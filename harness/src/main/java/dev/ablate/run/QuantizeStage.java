package dev.ablate.run;

import dev.ablate.compress.quant.IntRange;
import dev.ablate.compress.quant.LayerQuantStats;
import dev.ablate.compress.quant.QParams;
import dev.ablate.compress.quant.QuantScheme;
import dev.ablate.compress.quant.QuantizedNetwork;
import dev.ablate.compress.quant.Rounding;
import dev.ablate.compress.quant.TensorFormat;
import dev.ablate.compress.quant.WeightQuantizer;
import dev.ablate.compress.quant.calibration.CalibrationSpec;
import dev.ablate.compress.quant.calibration.MovingAverageMinMaxObserver;
import dev.ablate.compress.quant.calibration.MseObserver;
import dev.ablate.compress.quant.calibration.Observers;
import dev.ablate.compress.quant.calibration.PercentileObserver;
import dev.ablate.compress.quant.format.FloatFormat;
import dev.ablate.compress.quant.format.FormatSpec;
import dev.ablate.compress.quant.format.MxFormat;
import dev.ablate.compress.quant.format.NvFp4Format;
import dev.ablate.compress.quant.format.TensorFormats;
import dev.ablate.compress.quant.integer.IntegerNetwork;
import dev.ablate.compress.quant.ptq.BiasCorrection;
import dev.ablate.compress.quant.ptq.BitWidthAssignment;
import dev.ablate.compress.quant.ptq.CrossLayerEqualization;
import dev.ablate.compress.quant.ptq.LayerSensitivity;
import dev.ablate.compress.quant.ptq.LayerSensitivityRecord;
import dev.ablate.compress.quant.ptq.MixedPrecision;
import dev.ablate.compress.quant.ptq.ModelSize;
import dev.ablate.compress.quant.ptq.SensitivitySearch;
import dev.ablate.compress.quant.sim.ActivationQuantization;
import dev.ablate.compress.quant.sim.ActivationSpec;
import dev.ablate.compress.quant.sim.CalibrationData;
import dev.ablate.compress.quant.sim.FloatActivationQuantizer;
import dev.ablate.compress.quant.sim.FloatActivationSpec;
import dev.ablate.compress.quant.sim.QatNetwork;
import dev.ablate.compress.quant.sim.QuantSimulator;
import dev.ablate.compress.quant.sim.SiteQuantizer;
import dev.ablate.compress.quant.sim.StaticQuantization;
import dev.ablate.compress.quant.sim.WeightQat;
import dev.ablate.data.Dataset;
import dev.ablate.data.DatasetSplits;
import dev.ablate.metrics.QualityMetrics;
import dev.ablate.nn.BatchNorm;
import dev.ablate.nn.BatchNormFolding;
import dev.ablate.nn.Conv2d;
import dev.ablate.nn.EpochListener;
import dev.ablate.nn.Layer;
import dev.ablate.nn.Linear;
import dev.ablate.nn.Network;
import dev.ablate.nn.Objective;
import dev.ablate.nn.Trainer;
import dev.ablate.nn.TrainingHooks;
import dev.ablate.nn.TrainingResult;
import dev.ablate.spec.ActivationQuantConfig;
import dev.ablate.spec.Granularity;
import dev.ablate.spec.QuantizeConfig;
import dev.ablate.spec.TrainConfig;
import dev.ablate.spec.WeightQuantConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The quantize stage of a trial as {@code compress.quantize} describes it, and the parts of
 * evaluation that only quantized models have. Quantization runs in this order:
 * <ol>
 *   <li>BatchNorm folded into the preceding layer ({@code fold_bn}), then cross-layer equalization
 *       ({@code equalize});</li>
 *   <li>one weight format per layer: {@code weights}, overridden per layer ({@code layers}), first and last layer
 *       kept at {@code first_last_bits}, or bit widths chosen by the sensitivity-guided search
 *       ({@code mixed_precision}, on the validation split);</li>
 *   <li>PTQ: weights quantized, bias corrected ({@code bias_correction}), then activation ranges calibrated on
 *       training batches; QAT: the same quantizers with the straight-through estimator (or LSQ) during
 *       fine-tuning from the trained model.</li>
 * </ol>
 * The stage stores the weight-quantized network without activation quantizers, plus the activation grids, so the
 * stored network stays a plain {@link Network} and {@link #simulated} rebuilds the simulation.
 */
final class QuantizeStage {

    /** Mixed into the trial seed for QAT fine-tuning, so it does not replay the training shuffle. */
    private static final long QAT_SEED_MIX = 0xC2B2AE3D27D4EB4FL;

    private QuantizeStage() {
    }

    /**
     * The output of the stage.
     *
     * @param network  the weight-quantized network, without activation quantizers
     * @param record   what quantization did, with the integer grids
     * @param training the QAT fine-tuning, or {@code null} for PTQ
     */
    record Output(Network network, QuantizationRecord record, TrainingResult training) {
    }

    /**
     * Checks what can be checked without the model and data: every weight format the step can use (the
     * step's, per-layer overrides, first/last and mixed-precision widths), the activation observer, and the
     * combinations LSQ and mixed precision need. The planner calls this, so a bad combination is a spec error
     * before anything runs rather than a failed trial.
     *
     * @throws IllegalArgumentException naming the key and the problem
     */
    static void check(QuantizeConfig q) {
        List<WeightQuantConfig> configs = new ArrayList<>();
        configs.add(q.weights());
        q.layers().keySet().forEach(layer -> configs.add(q.weightsFor(layer)));
        if (q.firstLastBits() > 0 && "int".equals(q.weights().format())) {
            configs.add(q.weights().withBits(q.firstLastBits()));
        }
        if (q.mixedPrecision() != null) {
            requireBitWidthFormat(q);
            q.mixedPrecision().candidates().forEach(bits -> configs.add(q.weights().withBits(bits)));
        }
        for (WeightQuantConfig w : configs) {
            try {
                format(w);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("compress.quantize.weights: " + e.getMessage(), e);
            }
        }
        if (q.activations() != null) {
            activationSpec(q.activations(), false).observing("act0", new int[] {1}, 0); // validates the observer
        }
        if (q.qat() != null && q.qat().lsq()) {
            requireLsqSupported(q);
        }
    }

    /**
     * Quantizes a trained model.
     *
     * @param qatObjective what QAT fine-tuning minimizes (a distillation loss), or null for cross-entropy
     * @throws IllegalArgumentException for a combination the model or data cannot support, with the spec key
     */
    static Output run(QuantizeConfig q, Network input, DatasetSplits data, TrainConfig train, long seed,
                      Objective qatObjective) {
        Network net = q.foldBatchNorm() ? BatchNormFolding.fold(input) : input.copy();
        if (q.equalize()) {
            net = CrossLayerEqualization.equalize(net);
        }
        Function<String, TensorFormat> formats = layerFormats(q, net, data.validation(), seed);
        int batches = q.activations() == null ? 32 : q.activations().calibrationBatches();
        CalibrationData calibration = new CalibrationData(data.train(), batches, train.batch(), seed);
        ActivationQuantization activations = q.activations() == null ? null
                : activationSpec(q.activations(), q.qat() != null && q.qat().lsq());
        StaticQuantization sq;
        TrainingResult training = null;
        if (q.qat() != null) {
            QatNetwork qat = QuantSimulator.prepareQat(net, weightQat(q, formats), activations, calibration);
            int freezeAfter = q.qat().freezeBnEpochs();
            EpochListener freezeBatchNorm = stats -> {
                if (stats.epoch() == freezeAfter) {
                    qat.network().layers().stream().filter(l -> l instanceof BatchNorm)
                            .forEach(l -> ((BatchNorm) l).freezeStatistics());
                }
            };
            training = new Trainer().train(qat.network(), data.train(), data.validation(),
                    train.withEpochsAndLr(q.qat().epochs(), q.qat().lr()), seed ^ QAT_SEED_MIX, freezeBatchNorm,
                    qatObjective == null ? TrainingHooks.NONE : TrainingHooks.NONE.withObjective(qatObjective));
            sq = qat.convert();
        } else {
            QuantizedNetwork weights = WeightQuantizer.quantize(net, formats, seed);
            if (q.biasCorrection()) {
                weights = new QuantizedNetwork(BiasCorrection.correct(net, weights.network(), calibration.toDataset()),
                        weights.layers());
            }
            sq = activations == null ? weightOnly(weights) : QuantSimulator.simulateStatic(weights, activations, calibration);
        }
        return new Output(sq.plain(), record(q, net, sq), training);
    }

    /** The simulated network of a stored quantized model: {@code plain} with its activation quantizers. */
    static Network simulated(Network plain, QuantizationRecord record) {
        if (record != null && !record.activationFloats().isEmpty()) {
            List<QuantizationRecord.FloatSite> sites = record.activationFloats();
            float[] amax = new float[sites.size()];
            for (int k = 0; k < amax.length; k++) {
                amax[k] = sites.get(k).amax();
            }
            return QuantSimulator.withFixedFloatActivations(plain, FloatFormat.named(sites.get(0).format()), amax);
        }
        if (record == null || record.activationGrids().isEmpty()) {
            return plain;
        }
        List<QParams> params = record.activationGrids().stream().map(QuantizeStage::params).toList();
        QuantizationRecord.IntGrid first = record.activationGrids().get(0);
        return QuantSimulator.withFixedActivations(plain, params, new IntRange(first.qmin(), first.qmax()));
    }

    /**
     * How the integer-only conversion of a model does on the test split.
     *
     * @param accuracy  top-1 accuracy of the deployed model
     * @param agreement fraction of examples on which it predicts what the simulation predicts
     */
    record Deployment(double accuracy, double agreement) {
    }

    /**
     * The model converted to integer-only inference and run on the test split, or {@code null} when it is not an
     * int8 model (weights and activations) or has a layer integer inference does not implement.
     *
     * @param simulatedPredictions the simulated model's predictions on {@code test}
     */
    static Deployment deploy(QuantizeConfig q, Network plain, QuantizationRecord record, Dataset test,
                             int[] simulatedPredictions) {
        IntegerNetwork deployed = integerOnly(q, plain, record);
        if (deployed == null) {
            return null;
        }
        int[] predictions = deployed.predict(test.features(), test.size());
        int agree = 0;
        for (int i = 0; i < predictions.length; i++) {
            agree += predictions[i] == simulatedPredictions[i] ? 1 : 0;
        }
        return new Deployment(QualityMetrics.accuracy(predictions, test.labels()), agree / (double) predictions.length);
    }

    /**
     * The integer-only conversion of a stored quantized model, or {@code null} when it is not an int8 model (weights
     * and activations), its step asks not to deploy, or it has a layer integer inference does not implement.
     */
    static IntegerNetwork integerOnly(QuantizeConfig q, Network plain, QuantizationRecord record) {
        boolean int8 = record != null && q.deploy() && !record.activationGrids().isEmpty()
                && record.weightGrids().size() == record.layers().size()
                && record.weightGrids().stream().allMatch(g -> g.qmax() - g.qmin() <= 255)
                && record.activationGrids().stream().allMatch(g -> g.qmax() - g.qmin() <= 255);
        if (!int8) {
            return null;
        }
        Map<String, QParams> weights = new LinkedHashMap<>();
        record.weightGrids().forEach(g -> weights.put(g.name(), params(g)));
        QuantizationRecord.IntGrid site = record.activationGrids().get(0);
        try {
            return IntegerNetwork.convert(plain, weights,
                    record.activationGrids().stream().map(QuantizeStage::params).toList(),
                    new IntRange(site.qmin(), site.qmax()));
        } catch (IllegalArgumentException notConvertible) { // e.g. Tanh, AvgPool2d, BatchNorm kept unfolded
            return null;
        }
    }

    /**
     * The layer reports with each layer's test accuracy when quantized alone in {@code weights}' format (the
     * others float32), and its sensitivity: the accuracy of the unquantized input minus that.
     */
    static List<LayerReport> layerwise(QuantizeConfig q, Network input, List<LayerReport> reports, Dataset test,
                                       long seed) {
        Network net = q.foldBatchNorm() ? BatchNormFolding.fold(input) : input.copy();
        double inputAccuracy = QualityMetrics.accuracy(net, test);
        Map<String, LayerSensitivityRecord> alone = new LinkedHashMap<>();
        for (LayerSensitivityRecord r : LayerSensitivity.measure(net, format(q.weights()),
                n -> QualityMetrics.accuracy(n, test), seed)) {
            alone.put(r.layer(), r);
        }
        return reports.stream().map(r -> alone.containsKey(r.layer())
                ? r.withAccuracyAlone(alone.get(r.layer()).accuracy(), inputAccuracy) : r).toList();
    }

    /** The tensor format a weight config describes. */
    static TensorFormat format(WeightQuantConfig w) {
        boolean integer = "int".equals(w.format());
        int blockSize = switch (w.format()) {
            case "mxfp8", "mxfp4", "mxint8" -> MxFormat.BLOCK_SIZE;
            case "nvfp4" -> NvFp4Format.BLOCK_SIZE;
            default -> 0;
        };
        Granularity granularity = w.hasGranularity() ? w.granularity()
                : blockSize > 0 ? Granularity.PER_GROUP : Granularity.PER_TENSOR;
        int groupSize = granularity != Granularity.PER_GROUP ? 0 : blockSize > 0 ? blockSize : w.groupSize();
        FormatSpec spec = new FormatSpec(w.format(), w.elementBits(), !integer || w.symmetric(), granularity,
                groupSize, Rounding.fromSpec(w.rounding()), w.hasCalibration() && w.powerOfTwo());
        return TensorFormats.create(spec, calibration(w.calibration(), w.percentile()));
    }

    private static CalibrationSpec calibration(String method, double percentile) {
        return new CalibrationSpec(method, percentile > 0 ? percentile : PercentileObserver.DEFAULT_PERCENTILE,
                MovingAverageMinMaxObserver.DEFAULT_AVERAGING_CONSTANT, MseObserver.DEFAULT_GRID_SIZE);
    }

    private static ActivationQuantization activationSpec(ActivationQuantConfig a, boolean learned) {
        CalibrationSpec calibration = calibration(a.calibration(), a.percentile());
        if (!a.integer()) {
            try {
                return new FloatActivationSpec(FloatFormat.named(a.format()), calibration);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("compress.quantize.activations: " + e.getMessage(), e);
            }
        }
        QuantScheme scheme = a.symmetric() ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE;
        return new ActivationSpec(a.bits(), scheme, site -> Observers.create(calibration, scheme, a.bits(), 1), learned);
    }

    private static WeightQat weightQat(QuantizeConfig q, Function<String, TensorFormat> formats) {
        if (!q.qat().lsq()) {
            return new WeightQat.Format(formats);
        }
        requireLsqSupported(q);
        return new WeightQat.LearnedSteps(QuantScheme.SIGNED_SYMMETRIC, q.weights().bits());
    }

    private static void requireLsqSupported(QuantizeConfig q) {
        WeightQuantConfig w = q.weights();
        if (!"int".equals(w.format()) || !w.symmetric() || w.granularity() == Granularity.PER_GROUP
                || !q.layers().isEmpty() || q.firstLastBits() != 0 || q.mixedPrecision() != null
                || q.activations() != null && !q.activations().integer()) {
            throw new IllegalArgumentException("compress.quantize.qat.lsq: learned step sizes need symmetric int "
                    + "weights, per tensor or per channel, with one bit width for every layer (no layers, "
                    + "first_last_bits or mixed_precision), and int activations if any");
        }
    }

    private static void requireBitWidthFormat(QuantizeConfig q) {
        if (!"int".equals(q.weights().format()) && !"codebook".equals(q.weights().format())) {
            throw new IllegalArgumentException("compress.quantize.mixed_precision: searches bit widths, so the "
                    + "weight format must be int or codebook, got " + q.weights().format());
        }
    }

    /** The format of every weight layer, by name. */
    private static Function<String, TensorFormat> layerFormats(QuantizeConfig q, Network net, Dataset validation,
                                                               long seed) {
        List<String> names = weightLayers(net);
        for (String overridden : q.layers().keySet()) {
            if (!names.contains(overridden)) {
                throw new IllegalArgumentException("compress.quantize.layers." + overridden + ": the model has no "
                        + "weight layer '" + overridden + "' (its weight layers: " + String.join(", ", names) + ")");
            }
        }
        Map<String, WeightQuantConfig> configs = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            WeightQuantConfig w = q.weightsFor(names.get(i));
            boolean edge = i == 0 || i == names.size() - 1;
            configs.put(names.get(i), edge && q.firstLastBits() > 0 && "int".equals(w.format())
                    ? w.withBits(q.firstLastBits()) : w);
        }
        if (q.mixedPrecision() != null) {
            BitWidthAssignment bits = searchBitWidths(q, net, validation, seed);
            configs.replaceAll((layer, w) -> w.withBits(bits.bitsOf(layer)));
        }
        Map<String, TensorFormat> formats = new LinkedHashMap<>();
        configs.forEach((layer, w) -> formats.put(layer, format(w)));
        return formats::get;
    }

    private static BitWidthAssignment searchBitWidths(QuantizeConfig q, Network net, Dataset validation, long seed) {
        requireBitWidthFormat(q);
        if (validation.size() == 0) {
            throw new IllegalArgumentException("compress.quantize.mixed_precision: the search scores candidates on "
                    + "the validation split, which is empty: set dataset.validation");
        }
        WeightQuantConfig w = q.weights();
        return SensitivitySearch.search(net, q.mixedPrecision().candidates(),
                ModelSize.budget(net, q.mixedPrecision().budget()), n -> QualityMetrics.accuracy(n, validation),
                (n, a) -> MixedPrecision.apply(n, a, bits -> format(w.withBits(bits)), seed).network()).assignment();
    }

    private static List<String> weightLayers(Network net) {
        List<String> names = new ArrayList<>();
        for (Layer l : net.layers()) {
            if (l instanceof Linear || l instanceof Conv2d) {
                names.add(l.name());
            }
        }
        return names;
    }

    private static StaticQuantization weightOnly(QuantizedNetwork weights) {
        Map<String, QParams> grids = new LinkedHashMap<>();
        weights.layers().stream().filter(l -> l.report().intParams() != null)
                .forEach(l -> grids.put(l.layer(), l.report().intParams()));
        return new StaticQuantization(weights.network(), List.of(), grids, weights.layers());
    }

    private static QuantizationRecord record(QuantizeConfig q, Network net, StaticQuantization sq) {
        Map<String, Long> macs = new LinkedHashMap<>();
        net.layers().forEach(l -> macs.put(l.name(), l.macs()));
        List<LayerReport> layers = new ArrayList<>();
        List<QuantizationRecord.IntGrid> weightGrids = new ArrayList<>();
        for (LayerQuantStats s : sq.layers()) {
            WeightQuantConfig w = q.weightsFor(s.layer());
            layers.add(new LayerReport(s.layer(), s.params(), s.nonzero(), s.format(), s.report().elementBits(),
                    s.report().overheadBits(),
                    w.hasGranularity() ? w.granularity().specName() : null, finite(s.report().scaleMin()),
                    finite(s.report().scaleMax()), s.report().clipped(), Double.isFinite(s.sqnrDb()) ? s.sqnrDb() : null,
                    macs.getOrDefault(s.layer(), 0L), null, null));
            QParams grid = sq.weightParams().get(s.layer());
            if (grid != null) {
                IntRange range = (w.symmetric() ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE)
                        .range(s.report().elementBits());
                weightGrids.add(grid(s.layer(), grid, range));
            }
        }
        List<QuantizationRecord.IntGrid> activationGrids = new ArrayList<>();
        List<QuantizationRecord.FloatSite> activationFloats = new ArrayList<>();
        if (q.activations() != null && q.activations().integer()) {
            IntRange range = (q.activations().symmetric() ? QuantScheme.SIGNED_SYMMETRIC : QuantScheme.UNSIGNED_AFFINE)
                    .range(q.activations().bits());
            for (int k = 0; k < sq.activationParams().size(); k++) {
                activationGrids.add(grid("act" + k, sq.activationParams().get(k), range));
            }
        }
        for (SiteQuantizer site : sq.sites()) {
            if (site instanceof FloatActivationQuantizer f) {
                activationFloats.add(new QuantizationRecord.FloatSite(f.name(), f.format().name(), f.amax()));
            }
        }
        return new QuantizationRecord(layers, weightGrids, activationGrids, activationFloats);
    }

    private static QuantizationRecord.IntGrid grid(String name, QParams qp, IntRange range) {
        return new QuantizationRecord.IntGrid(name, qp.scales(), qp.zeroPoints(), range.min(), range.max());
    }

    private static QParams params(QuantizationRecord.IntGrid g) {
        return new QParams(g.scales(), g.zeroPoints());
    }

    private static Double finite(float v) {
        return Float.isFinite(v) ? (double) v : null;
    }
}
