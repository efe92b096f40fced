package dev.ablate.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Expands a {@link Spec} into {@link Trial}s. Each point's overrides are applied to
 * {@code base} in order — a mapping merges into the mapping already there, any other value replaces it,
 * and {@code null} removes a step — then every default is filled in, so a trial's config is explicit, and
 * keys without effect are dropped ({@link SpecSchema#VARIANTS}: e.g. {@code momentum} under Adam).
 * Points matching an {@code exclude} entry are dropped; points that resolve to an already planned config
 * are merged. The order is deterministic: same spec ⇒ same trials, ids and order.
 */
public final class Planner {

    /** Default refusal threshold of {@code ablate plan/run}. */
    public static final long DEFAULT_MAX_TRIALS = 100_000;

    private Planner() {
    }

    /**
     * Plans {@code spec}.
     *
     * @param datasetFingerprint the dataset's fingerprint (part of every trial id)
     * @param maxTrials          refuse sweeps that expand to more trials than this
     * @throws SpecException if the sweep is too large, or a resolved trial misses a required key
     */
    public static Plan plan(Spec spec, String datasetFingerprint, long maxTrials) {
        return plan(spec, datasetFingerprint, maxTrials, config -> { });
    }

    /**
     * Plans {@code spec}, also rejecting every planned config that {@code check} refuses: the harness's
     * semantic checks (combinations no model could run), which the spec package cannot know itself.
     *
     * @param check throws {@link IllegalArgumentException} with the problem for a config that cannot run
     * @throws SpecException as {@link #plan(Spec, String, long)}, or naming the sweep point {@code check} refused
     */
    public static Plan plan(Spec spec, String datasetFingerprint, long maxTrials, Consumer<TrialConfig> check) {
        String file = spec.source().toString();
        long points = spec.sweep().pointCountBeforeExclusion();
        long total = points > Long.MAX_VALUE / spec.seeds().size() ? Long.MAX_VALUE : points * spec.seeds().size();
        if (total > maxTrials) {
            throw new SpecException(file, Location.UNKNOWN, "sweep", "expands to " + (total == Long.MAX_VALUE
                    ? "more than " + Long.MAX_VALUE : Long.toString(total)) + " trials (" + points + " points × "
                    + spec.seeds().size() + " seeds, before exclusions), above --max-trials " + maxTrials);
        }
        List<Trial> trials = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int excluded = 0;
        int duplicates = 0;
        for (Map<String, JsonNode> point : spec.sweep().points()) {
            JsonNode config = resolve(spec, point, file);
            if (isExcluded(config, spec.sweep().exclude())) {
                excluded += spec.seeds().size();
                continue;
            }
            ObjectNode sweepPoint = SchemaNode.JSON.objectNode();
            point.forEach(sweepPoint::set);
            try {
                check.accept(TrialConfig.fromJson(config));
            } catch (IllegalArgumentException e) {
                throw new SpecException(file, Location.UNKNOWN, point.isEmpty() ? "base" : "sweep point "
                        + TrialKey.canonicalJson(sweepPoint), e.getMessage());
            }
            for (long seed : spec.seeds()) {
                String id = TrialKey.trialId(config, seed, spec.dataset().name(), datasetFingerprint);
                if (seen.add(id)) {
                    trials.add(new Trial(id, seed, config, sweepPoint));
                } else {
                    duplicates++;
                }
            }
        }
        return new Plan(spec, datasetFingerprint, trials, excluded, duplicates);
    }

    /** Applies one point's overrides to the spec's base and fills every default. */
    static JsonNode resolve(Spec spec, Map<String, JsonNode> overrides, String file) {
        ObjectNode merged = (ObjectNode) spec.base().deepCopy();
        for (Map.Entry<String, JsonNode> o : overrides.entrySet()) {
            set(merged, o.getKey(), o.getValue());
        }
        ObjectNode resolved = (ObjectNode) SpecSchema.TRIAL.resolve(merged, "", file, Location.UNKNOWN);
        for (SpecSchema.Variants variants : SpecSchema.VARIANTS) {
            for (ObjectNode o : objectsAt(resolved, variants.path().split("\\."), 0)) {
                JsonNode discriminator = o.get(variants.discriminator());
                String value = discriminator == null ? null : discriminator.asText();
                List<String> drop = new ArrayList<>();
                o.fieldNames().forEachRemaining(k -> {
                    if (!variants.applies(k, value)) {
                        drop.add(k);
                    }
                });
                o.remove(drop);
            }
        }
        return resolved;
    }

    /** The objects at a dotted path, where a list on the way stands for each of its items. */
    private static List<ObjectNode> objectsAt(JsonNode node, String[] parts, int from) {
        if (node.isArray()) {
            List<ObjectNode> all = new ArrayList<>();
            node.forEach(item -> all.addAll(objectsAt(item, parts, from)));
            return all;
        }
        if (from == parts.length) {
            return node instanceof ObjectNode o ? List.of(o) : List.of();
        }
        return objectsAt(node.path(parts[from]), parts, from + 1);
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        String last = parts[parts.length - 1];
        JsonNode existing = node.get(last);
        if (value.isObject() && existing instanceof ObjectNode target) {
            merge(target, value);
        } else {
            node.set(last, value.deepCopy());
        }
    }

    private static void merge(ObjectNode target, JsonNode source) {
        source.fields().forEachRemaining(e -> set(target, e.getKey(), e.getValue()));
    }

    private static boolean isExcluded(JsonNode config, List<Map<String, JsonNode>> excludes) {
        for (Map<String, JsonNode> ex : excludes) {
            boolean all = true;
            for (Map.Entry<String, JsonNode> e : ex.entrySet()) {
                JsonNode actual = config.at("/" + e.getKey().replace('.', '/'));
                if (!matches(actual, e.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** An exclude value matches when equal, or, for a mapping, when each of its keys matches. */
    private static boolean matches(JsonNode actual, JsonNode wanted) {
        if (wanted.isObject() && actual.isObject()) {
            var it = wanted.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!matches(actual.path(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return actual.equals(wanted);
    }
}
