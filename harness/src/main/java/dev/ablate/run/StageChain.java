package dev.ablate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.metrics.cost.CostTable;
import dev.ablate.spec.TrialKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The model stages of one trial in application order — train, then distill, prune and quantize when
 * configured — each keyed by the hash of its own config and its inputs' keys, plus the key of evaluating any
 * of them, and the teachers a distillation stage learns from. Two trials that share a prefix of stages share
 * those keys, which is what lets a sweep train each baseline and each teacher once.
 *
 * <p>A distilled student or a model trained in low precision is a {@link StageKind#RETRAIN} stage: trained from
 * scratch like the baseline, with the same initialisation and data order, so the fp32 baseline (stage 0) is
 * its control; the stages after it compress the retrained model.
 *
 * @param teachers   the teacher stages of a distillation step (empty without one)
 * @param models     the model-producing stages, {@code models.get(0)} being the training stage
 * @param evalConfig the config of the evaluate stage (metrics, cost model and test split)
 * @param latencyConfig the config of the latency stage ({@code eval.latency}), or null when it is off
 */
public record StageChain(List<ModelStage> teachers, List<ModelStage> models, JsonNode evalConfig,
                         JsonNode latencyConfig) {

    /**
     * Version of what an evaluation computes beyond its config; part of the evaluation keys, so that evaluations
     * stored before the efficiency accounting are computed again while the models they evaluate are reused.
     */
    static final int EVALUATION_VERSION = 2;

    public StageChain {
        teachers = List.copyOf(teachers);
        models = List.copyOf(models);
    }

    /**
     * One model-producing stage.
     *
     * @param kind   TEACHER, TRAIN, RETRAIN, PRUNE or QUANTIZE
     * @param key    content key
     * @param config the part of the trial config this stage depends on
     * @param inputs keys of the stages whose outputs it reads: the previous model, or a student's teachers
     */
    public record ModelStage(StageKind kind, String key, JsonNode config, List<String> inputs) {
        public ModelStage {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * The chain of a resolved trial config.
     *
     * @param config             a resolved trial config (see {@code Planner})
     * @param seed               the trial's seed (training and fine-tuning draw from it)
     * @param datasetFingerprint fingerprint of the dataset the stages read
     */
    public static StageChain of(JsonNode config, long seed, String datasetFingerprint) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<ModelStage> models = new ArrayList<>();
        ObjectNode train = f.objectNode();
        train.set("model", config.get("model"));
        ObjectNode fp32 = config.get("train").deepCopy();
        JsonNode precision = fp32.remove("precision");
        train.set("train", fp32);
        train.put("seed", seed);
        train.put("dataset", datasetFingerprint);
        models.add(stage(StageKind.TRAIN, train, List.of()));
        List<ModelStage> teachers = new ArrayList<>();
        JsonNode distill = config.get("compress").get("distill");
        ObjectNode retrain = train.deepCopy();
        retrain.set("precision", precision);
        if (!distill.isNull()) {
            List<JsonNode> members = new ArrayList<>();
            members.add(distill.get("teacher"));
            distill.get("ensemble").forEach(members::add);
            for (JsonNode member : members) {
                ObjectNode c = f.objectNode();
                c.set("teacher", member);
                c.put("seed", seed);
                c.put("dataset", datasetFingerprint);
                teachers.add(stage(StageKind.TEACHER, c, List.of()));
            }
            retrain.put("temperature", distill.get("temperature").asDouble());
            retrain.put("alpha", distill.get("alpha").asDouble());
        }
        if (!distill.isNull() || !precision.isNull()) {
            models.add(stage(StageKind.RETRAIN, retrain, teachers.stream().map(ModelStage::key).toList()));
        }
        JsonNode prune = config.get("compress").get("prune");
        if (!prune.isNull()) {
            ObjectNode c = f.objectNode();
            c.set("prune", prune);
            c.set("train", config.get("train")); // fine-tuning uses the trial's train settings
            c.put("seed", seed);
            models.add(stage(StageKind.PRUNE, c, List.of(models.get(models.size() - 1).key())));
        }
        JsonNode quantize = config.get("compress").get("quantize");
        if (!quantize.isNull()) {
            ObjectNode c = f.objectNode();
            c.set("quantize", quantize);
            models.add(stage(StageKind.QUANTIZE, c, List.of(models.get(models.size() - 1).key())));
        }
        ObjectNode eval = f.objectNode();
        ObjectNode evalBlock = config.get("eval").deepCopy();
        JsonNode latency = evalBlock.remove("latency");
        eval.set("eval", evalBlock);
        eval.put("dataset", datasetFingerprint);
        eval.put("version", EVALUATION_VERSION);
        // the table's content, not its path: editing a cost table file re-evaluates what it prices
        eval.put("cost_table", CostTable.resolve(evalBlock.get("cost_model").asText()).toString());
        return new StageChain(teachers, models, eval, latency == null || latency.isNull() ? null : latency);
    }

    /** The last model stage: the model the trial reports on. */
    public ModelStage terminal() {
        return models.get(models.size() - 1);
    }

    /** Key of evaluating the model of stage {@code modelIndex}. */
    public String evaluationKey(int modelIndex) {
        return key(StageKind.EVALUATE, evalConfig, List.of(models.get(modelIndex).key()));
    }

    /**
     * Key of timing the model of stage {@code modelIndex}; it reads that model's evaluation.
     *
     * @throws IllegalStateException if latency is off
     */
    public String latencyKey(int modelIndex) {
        if (latencyConfig == null) {
            throw new IllegalStateException("eval.latency is off");
        }
        return key(StageKind.LATENCY, latencyConfig, List.of(evaluationKey(modelIndex)));
    }

    private static ModelStage stage(StageKind kind, JsonNode config, List<String> inputs) {
        return new ModelStage(kind, key(kind, config, inputs), config, inputs);
    }

    private static String key(StageKind kind, JsonNode config, List<String> inputs) {
        ObjectNode k = JsonNodeFactory.instance.objectNode();
        k.put("stage", kind.label());
        k.put("algorithm", TrialKey.ALGORITHM_VERSION);
        k.set("config", config);
        if (inputs.size() == 1) {
            k.put("input", inputs.get(0));
        } else if (!inputs.isEmpty()) {
            inputs.forEach(k.putArray("inputs")::add);
        }
        return TrialKey.sha256Hex(TrialKey.canonicalJson(k));
    }
}
