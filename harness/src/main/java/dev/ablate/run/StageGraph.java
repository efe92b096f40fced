package dev.ablate.run;

import dev.ablate.spec.Trial;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unique stage nodes of a set of trials and what each must wait for. Teachers sit at
 * level 0 beside the baselines; level {@code i} holds the {@code i}-th model stage of every chain, and the
 * evaluation of a model sits one level after it, and the timing of a trial's final model ({@code eval.latency})
 * one level after its evaluation; a node may start as soon as its {@link Node#prerequisites()} have finished. Nodes with equal keys are one node, so a sweep of bit-widths over one baseline trains it
 * once. Each trial reports on the evaluation of its last model stage and compares with the evaluation of
 * its training stage (its same-seed baseline).
 */
public final class StageGraph {

    /**
     * One unique stage node.
     *
     * @param key        content key
     * @param kind       what the node does
     * @param modelIndex chain index of the model it computes or evaluates (for a teacher: its index among the
     *                   chain's teachers)
     * @param level      when it runs
     * @param inputs     keys of the nodes whose models it needs (none for training; a timing: the evaluation it
     *                   completes)
     * @param after      key of a node that must finish first without being an input (a compressed model's
     *                   evaluation waits for its baseline's, whose accuracy its row compares with), or null
     * @param trial      a trial whose chain contains the node (its config is shipped to the executor)
     */
    public record Node(String key, StageKind kind, int modelIndex, int level, List<String> inputs, String after,
                       Trial trial) {

        public Node {
            inputs = List.copyOf(inputs);
        }

        /** The nodes that must finish before this one can start. */
        public List<String> prerequisites() {
            List<String> p = new ArrayList<>(inputs);
            if (after != null) {
                p.add(after);
            }
            return p;
        }
    }

    /**
     * The nodes a trial's row comes from.
     *
     * @param result   key of the node its row comes from: the timing of its last model stage, or that model's
     *                 evaluation when latency is off
     * @param baseline key of the evaluation of its training stage
     */
    public record TrialNodes(String result, String baseline) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, TrialNodes> byTrial = new LinkedHashMap<>();

    private StageGraph() {
    }

    /** The graph of {@code trials}, whose keys include {@code datasetFingerprint}. */
    public static StageGraph of(List<Trial> trials, String datasetFingerprint) {
        StageGraph g = new StageGraph();
        for (Trial t : trials) {
            StageChain chain = StageChain.of(t.config(), t.seed(), datasetFingerprint);
            for (int i = 0; i < chain.teachers().size(); i++) {
                StageChain.ModelStage m = chain.teachers().get(i);
                g.nodes.putIfAbsent(m.key(), new Node(m.key(), m.kind(), i, 0, List.of(), null, t));
            }
            for (int i = 0; i < chain.models().size(); i++) {
                StageChain.ModelStage m = chain.models().get(i);
                g.nodes.putIfAbsent(m.key(), new Node(m.key(), m.kind(), i, i, m.inputs(), null, t));
            }
            int last = chain.models().size() - 1;
            String result = chain.evaluationKey(last);
            String baseline = chain.evaluationKey(0);
            g.nodes.putIfAbsent(baseline, new Node(baseline, StageKind.EVALUATE, 0, 1,
                    List.of(chain.models().get(0).key()), null, t));
            g.nodes.putIfAbsent(result, new Node(result, StageKind.EVALUATE, last, last + 1,
                    List.of(chain.terminal().key()), last == 0 ? null : baseline, t));
            if (chain.latencyConfig() != null) {
                String timed = chain.latencyKey(last);
                g.nodes.putIfAbsent(timed, new Node(timed, StageKind.LATENCY, last, last + 2, List.of(result), null, t));
                result = timed;
            }
            g.byTrial.put(t.id(), new TrialNodes(result, baseline));
        }
        return g;
    }

    /** Every node, in plan order (a node's prerequisites come before it). */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Nodes by level, in insertion (plan) order within a level. */
    public List<List<Node>> levels() {
        List<List<Node>> levels = new ArrayList<>();
        for (Node n : nodes.values()) {
            while (levels.size() <= n.level()) {
                levels.add(new ArrayList<>());
            }
            levels.get(n.level()).add(n);
        }
        return levels;
    }

    /** The node with {@code key}. */
    public Node node(String key) {
        Node n = nodes.get(key);
        if (n == null) {
            throw new IllegalArgumentException("no stage node " + key);
        }
        return n;
    }

    /** The nodes trial {@code trialId} reports from. */
    public TrialNodes trialNodes(String trialId) {
        return byTrial.get(trialId);
    }

    /** Number of unique nodes of each kind. */
    public Map<StageKind, Integer> counts() {
        Map<StageKind, Integer> counts = new EnumMap<>(StageKind.class);
        for (StageKind k : StageKind.values()) {
            counts.put(k, 0);
        }
        nodes.values().forEach(n -> counts.merge(n.kind(), 1, Integer::sum));
        return counts;
    }

    /**
     * Node counts by kind ({@link #counts()}) as a phrase, in stage order: {@code "2 teacher, 1 train, 3 prune,
     * 4 evaluate"}. Kinds without nodes are left out, except train and evaluate, which every plan has.
     */
    public static String describe(Map<StageKind, Integer> counts) {
        List<String> parts = new ArrayList<>();
        new EnumMap<>(counts).forEach((kind, n) -> {
            if (n > 0 || kind == StageKind.TRAIN || kind == StageKind.EVALUATE) {
                parts.add(n + " " + kind.label());
            }
        });
        return String.join(", ", parts);
    }

    /** Total number of unique nodes. */
    public int size() {
        return nodes.size();
    }
}
