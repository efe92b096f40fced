package dev.ablate.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * A trial's resolved config as typed values. Built from the resolved JSON that the trial id hashes, so the
 * two can never disagree.
 *
 * @param model    the model to train
 * @param train    how to train it (also used for fine-tuning after pruning)
 * @param precision low-precision training of the model (training and distillation stages; fine-tuning stays
 *                 fp32), or {@code null} for fp32
 * @param distill  the distillation step, or {@code null}: the model is also trained as a student of a teacher
 * @param prune    the pruning step, or {@code null} when the trial does not prune
 * @param quantize the quantization step, or {@code null} when the trial does not quantize
 * @param eval     how the final model is evaluated
 */
public record TrialConfig(ModelConfig model, TrainConfig train, PrecisionConfig precision, DistillConfig distill,
                          PruneConfig prune, QuantizeConfig quantize, EvalConfig eval) {

    public TrialConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(eval, "eval");
    }

    /**
     * Reads a resolved config as produced by the planner: every key present except those that do not apply
     * ({@link SpecSchema#VARIANTS}), which read as their neutral values.
     */
    public static TrialConfig fromJson(JsonNode c) {
        ModelConfig model = model(c.get("model"));
        TrainConfig train = train(c.get("train"));
        JsonNode d = c.get("compress").get("distill");
        DistillConfig distill = null;
        if (!d.isNull()) {
            List<TeacherConfig> teachers = new ArrayList<>();
            teachers.add(teacher(d.get("teacher")));
            d.get("ensemble").forEach(e -> teachers.add(teacher(e)));
            distill = new DistillConfig(teachers, kd(d));
        }
        JsonNode p = c.get("compress").get("prune");
        PruneConfig prune = p.isNull() ? null : prune(p);
        JsonNode q = c.get("compress").get("quantize");
        QuantizeConfig quantize = q.isNull() ? null : quantize(q);
        return new TrialConfig(model, train, precision(c.get("train").get("precision")), distill, prune, quantize,
                eval(c.get("eval")));
    }

    private static EvalConfig eval(JsonNode e) {
        List<String> metrics = new ArrayList<>();
        e.get("metrics").forEach(x -> metrics.add(x.asText()));
        JsonNode l = e.get("latency");
        LatencyConfig latency = null;
        if (!l.isNull()) {
            List<Integer> batches = new ArrayList<>();
            l.get("batch").forEach(b -> batches.add(b.asInt()));
            latency = new LatencyConfig(batches, l.get("reps").asInt(), l.get("warmup_ms").asInt(),
                    l.get("min_rep_ms").asInt(), l.get("sparse_threshold").asDouble());
        }
        return new EvalConfig(metrics, e.get("cost_model").asText(), latency);
    }

    private static ModelConfig model(JsonNode m) {
        List<Integer> hidden = new ArrayList<>();
        m.path("hidden").forEach(h -> hidden.add(h.asInt()));
        return new ModelConfig(m.get("arch").asText(), hidden, m.path("activation").asText("relu"),
                m.path("dropout").asDouble(0), m.path("batch_norm").asBoolean(false), m.path("width").asDouble(1),
                m.path("trees").asInt(0), m.path("max_depth").asInt(0));
    }

    private static TeacherConfig teacher(JsonNode t) {
        return new TeacherConfig(model(t.get("model")), train(t.get("train")));
    }

    private static PrecisionConfig precision(JsonNode p) {
        return p.isNull() ? null : new PrecisionConfig(p.get("weights").asText(), p.get("activations").asText(),
                p.get("gradients").asText(), p.get("rounding").asText(), p.get("master_weights").asBoolean(),
                p.get("loss_scaling").asText(), p.path("loss_scale").asDouble(1), p.path("growth_interval").asInt(1));
    }

    private static TrainConfig train(JsonNode t) {
        JsonNode s = t.get("schedule");
        LrSchedule schedule = new LrSchedule(s.get("name").asText(), s.get("step_size").asInt(),
                s.get("gamma").asDouble(), s.get("warmup_epochs").asInt(), s.get("min_lr").asDouble());
        JsonNode es = t.get("early_stopping");
        EarlyStopping earlyStopping = es.isNull() ? null
                : new EarlyStopping(es.get("patience").asInt(), es.get("monitor").asText(), es.get("min_delta").asDouble());
        JsonNode betas = t.path("betas");
        return new TrainConfig(t.get("epochs").asInt(), t.get("batch").asInt(), t.get("optimizer").asText(),
                t.get("lr").asDouble(), t.path("momentum").asDouble(0), t.path("nesterov").asBoolean(false),
                t.get("weight_decay").asDouble(), betas.path(0).asDouble(0.9), betas.path(1).asDouble(0.999),
                t.path("eps").asDouble(1e-8), schedule, t.get("clip_grad_norm").asDouble(), earlyStopping);
    }

    private static PruneConfig prune(JsonNode p) {
        Map<String, Double> layers = new LinkedHashMap<>();
        p.path("layers").fields().forEachRemaining(e -> layers.put(e.getKey(), e.getValue().asDouble()));
        return new PruneConfig(p.get("criterion").asText(), p.get("scope").asText(), p.get("structure").asText(),
                p.path("norm").asInt(1), p.get("sparsity").asDouble(), layers, p.get("schedule").asText(),
                p.get("finetune_epochs").asInt(), p.path("rounds").asInt(1), p.path("initial_sparsity").asDouble(0),
                p.path("ramp_fraction").asDouble(0.75), p.path("frequency").asInt(100), p.path("rewind_epoch").asInt(0),
                p.path("reinit").asBoolean(false), p.path("gradient_batches").asInt(16), kd(p.path("distill")));
    }

    private static KdParams kd(JsonNode k) {
        return k.isMissingNode() || k.isNull() ? null
                : new KdParams(k.get("temperature").asDouble(), k.get("alpha").asDouble());
    }

    private static QuantizeConfig quantize(JsonNode q) {
        JsonNode w = q.get("weights");
        WeightQuantConfig weights = new WeightQuantConfig(w.get("format").asText(), w.path("bits").asInt(8),
                w.path("symmetric").asBoolean(true), Granularity.fromSpec(w.path("granularity").asText("per-tensor")),
                w.path("group_size").asInt(0), w.path("rounding").asText("nearest-even"),
                w.path("power_of_two").asBoolean(false), w.path("calibration").asText("minmax"),
                w.path("percentile").asDouble(0));
        JsonNode a = q.get("activations");
        String aFormat = a.path("format").asText("int");
        ActivationQuantConfig activations = a.isNull() ? null : new ActivationQuantConfig(aFormat,
                Vocabulary.installed().numberFormat(Axis.ACTIVATION_FORMAT, aFormat)
                        .elementBits(a.path("bits").asInt(8)), a.path("symmetric").asBoolean(true),
                a.get("calibration").get("method").asText(),
                a.get("calibration").get("batches").asInt(), a.get("calibration").path("percentile").asDouble(0));
        Map<String, LayerQuantOverride> layers = new LinkedHashMap<>();
        q.get("layers").fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            layers.put(e.getKey(), new LayerQuantOverride(o.hasNonNull("format") ? o.get("format").asText() : null,
                    o.hasNonNull("bits") ? o.get("bits").asInt() : null,
                    o.hasNonNull("symmetric") ? o.get("symmetric").asBoolean() : null,
                    o.hasNonNull("granularity") ? Granularity.fromSpec(o.get("granularity").asText()) : null));
        });
        JsonNode mp = q.get("mixed_precision");
        List<Integer> candidates = new ArrayList<>();
        mp.path("candidates").forEach(b -> candidates.add(b.asInt()));
        JsonNode qat = q.path("qat");
        return new QuantizeConfig(q.get("method").asText(), weights, activations, q.get("fold_bn").asBoolean(),
                q.get("equalize").asBoolean(), q.path("bias_correction").asBoolean(false), q.get("first_last_bits").asInt(),
                layers, mp.isNull() ? null : new MixedPrecisionConfig(mp.get("budget").asDouble(), candidates),
                qat.isMissingNode() ? null : new QatConfig(qat.get("epochs").asInt(), qat.get("lr").asDouble(),
                        qat.get("lsq").asBoolean(), qat.get("freeze_bn_epochs").asInt(), kd(qat.get("distill"))),
                q.get("deploy").asBoolean(), q.get("layerwise").asBoolean());
    }

    /**
     * The techniques applied, joined by '+' in application order ({@code lowp+distill+prune+ptq}), or
     * {@code baseline}.
     */
    public String technique() {
        List<String> parts = new ArrayList<>();
        if (precision != null) {
            parts.add("lowp");
        }
        if (distill != null) {
            parts.add("distill");
        }
        if (prune != null) {
            parts.add("prune");
        }
        if (quantize != null) {
            parts.add(quantize.method());
        }
        return parts.isEmpty() ? "baseline" : String.join("+", parts);
    }
}
