package dev.ablate.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.nn.EpochStats;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of one model, as stored in its EVALUATE artifact and sent back to the driver. Quality
 * metrics not requested by {@code eval.metrics} are null.
 *
 * @param accuracy        top-1 accuracy on the test split (of the simulated model when quantized)
 * @param accuracyDeployed top-1 accuracy of the integer-only conversion, or null when not converted
 * @param deployedAgreement fraction of test examples where the conversion predicts what the simulation does, or null
 * @param macroF1         macro-averaged F1 (Tribuo's evaluator)
 * @param nll             mean negative log-likelihood
 * @param ece             expected calibration error (15 equal-width confidence bins)
 * @param paramsTotal     parameters of the model
 * @param paramsNonzero   parameters that are not exactly zero
 * @param trainSeconds    wall time of the training stage (when it was computed, even if reused since)
 * @param compressSeconds wall time of the compression stages
 * @param evalSeconds     wall time of this evaluation
 * @param blas            BLAS implementation the executor used
 * @param curves          training curves of the stages that trained, in chain order
 * @param layers          per-layer quantization reports of the final model (empty when not quantized)
 * @param teacherAccuracy test accuracy of the distillation teacher (of the ensemble's mean probabilities), or null
 * @param efficiency      packed size, compute and energy of the model
 * @param latency         its measured inference times, or null until its LATENCY stage (or when latency is off)
 */
public record TrialResult(Double accuracy, Double accuracyDeployed, Double deployedAgreement, Double macroF1, Double nll, Double ece,
                          long paramsTotal, long paramsNonzero, double trainSeconds, double compressSeconds,
                          double evalSeconds, String blas, List<StageCurve> curves, List<LayerReport> layers,
                          Double teacherAccuracy, Efficiency efficiency, Latency latency) {

    public TrialResult {
        curves = List.copyOf(curves);
        layers = List.copyOf(layers);
    }

    /** This evaluation with its measured latency. */
    public TrialResult withLatency(Latency measured) {
        return new TrialResult(accuracy, accuracyDeployed, deployedAgreement, macroF1, nll, ece, paramsTotal,
                paramsNonzero, trainSeconds, compressSeconds, evalSeconds, blas, curves, layers, teacherAccuracy,
                efficiency, measured);
    }

    /**
     * The training curve of one stage.
     *
     * @param stage         the stage kind's label ({@code train}, {@code distill}, {@code prune}, {@code quantize})
     * @param stageKey      the stage's key
     * @param stepsPerEpoch optimizer steps per epoch
     * @param epochs        per-epoch statistics
     * @param extra         further per-epoch metrics by name, one value per epoch ({@link ModelArtifact#extraCurves()})
     */
    public record StageCurve(String stage, String stageKey, int stepsPerEpoch, List<EpochStats> epochs,
                             Map<String, List<Double>> extra) {
        public StageCurve {
            epochs = List.copyOf(epochs);
            extra = extra == null ? Map.of() : Map.copyOf(extra);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** This result as JSON. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + this, e);
        }
    }

    /** Parses {@link #toJson()} output. */
    public static TrialResult fromJson(String json) {
        try {
            return MAPPER.readValue(json, TrialResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a trial result: " + json, e);
        }
    }
}
