package dev.ablate.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.spec.TrialKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The model stages of one trial in application order — train, then prune and quantize when configured —
 * each keyed by the hash of its own config and its input's key, plus the key of evaluating any of them.
 * Two trials that share a prefix of stages share those keys, which is what lets a sweep train each
 * baseline once.
 *
 * @param models the model-producing stages, {@code models.get(0)} being the training stage
 * @param evalConfig the config of the evaluate stage (metrics and test split)
 */
public record StageChain(List<ModelStage> models, JsonNode evalConfig) {

    public StageChain {
        models = List.copyOf(models);
    }

    /**
     * One model-producing stage.
     *
     * @param kind   TRAIN, PRUNE or QUANTIZE
     * @param key    content key
     * @param config the part of the trial config this stage depends on
     */
    public record ModelStage(StageKind kind, String key, JsonNode config) {
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
        train.set("train", config.get("train"));
        train.put("seed", seed);
        train.put("dataset", datasetFingerprint);
        models.add(stage(StageKind.TRAIN, train, null));
        JsonNode prune = config.get("compress").get("prune");
        if (!prune.isNull()) {
            ObjectNode c = f.objectNode();
            c.set("prune", prune);
            c.set("train", config.get("train")); // fine-tuning uses the trial's train settings
            c.put("seed", seed);
            models.add(stage(StageKind.PRUNE, c, models.get(models.size() - 1).key()));
        }
        JsonNode quantize = config.get("compress").get("quantize");
        if (!quantize.isNull()) {
            ObjectNode c = f.objectNode();
            c.set("quantize", quantize);
            models.add(stage(StageKind.QUANTIZE, c, models.get(models.size() - 1).key()));
        }
        ObjectNode eval = f.objectNode();
        eval.set("eval", config.get("eval"));
        eval.put("dataset", datasetFingerprint);
        return new StageChain(models, eval);
    }

    /** The last model stage: the model the trial reports on. */
    public ModelStage terminal() {
        return models.get(models.size() - 1);
    }

    /** Key of evaluating the model of stage {@code modelIndex}. */
    public String evaluationKey(int modelIndex) {
        return key(StageKind.EVALUATE, evalConfig, models.get(modelIndex).key());
    }

    private static ModelStage stage(StageKind kind, JsonNode config, String inputKey) {
        return new ModelStage(kind, key(kind, config, inputKey), config);
    }

    private static String key(StageKind kind, JsonNode config, String inputKey) {
        ObjectNode k = JsonNodeFactory.instance.objectNode();
        k.put("stage", kind.label());
        k.put("algorithm", TrialKey.ALGORITHM_VERSION);
        k.set("config", config);
        if (inputKey != null) {
            k.put("input", inputKey);
        }
        return TrialKey.sha256Hex(TrialKey.canonicalJson(k));
    }
}
