package dev.ablate.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.nn.CorruptArtifactException;
import dev.ablate.nn.EpochStats;
import dev.ablate.nn.Network;
import dev.ablate.nn.NetworkCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The artifact of a model stage: the network (in {@link NetworkCodec}'s checksummed format), the wall time
 * the stage took and its training curve, so a trial that reuses the stage still reports what it cost and
 * how it trained.
 *
 * @param network       the model
 * @param seconds       wall time of the stage that produced it
 * @param curve         per-epoch statistics of the stage's training (empty for stages that do not train)
 * @param stepsPerEpoch optimizer steps per epoch of that training (0 if none)
 * @param quantization  what a quantize stage did (per-layer reports and integer grids), or {@code null}
 * @param extraCurves   further per-epoch metrics of the stage's training, by name (e.g. a low-precision run's
 *                      {@code loss_scale}), one value per entry of {@code curve}; empty for none
 */
public record ModelArtifact(Network network, double seconds, List<EpochStats> curve, int stepsPerEpoch,
                            QuantizationRecord quantization, Map<String, List<Double>> extraCurves) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public ModelArtifact {
        curve = List.copyOf(curve);
        extraCurves = extraCurves == null ? Map.of() : Map.copyOf(extraCurves);
        for (Map.Entry<String, List<Double>> e : extraCurves.entrySet()) {
            if (e.getValue().size() != curve.size()) {
                throw new IllegalArgumentException(e.getKey() + ": " + e.getValue().size() + " values for "
                        + curve.size() + " epochs");
            }
        }
    }

    /** A stage's artifact without extra curves. */
    public ModelArtifact(Network network, double seconds, List<EpochStats> curve, int stepsPerEpoch,
                         QuantizationRecord quantization) {
        this(network, seconds, curve, stepsPerEpoch, quantization, Map.of());
    }

    /** Header (JSON, length-prefixed) followed by the network's bytes. */
    public byte[] encode() {
        byte[] header;
        try {
            header = MAPPER.writeValueAsBytes(new Header(seconds, stepsPerEpoch, curve, quantization, extraCurves));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode artifact header", e);
        }
        byte[] net = NetworkCodec.encode(network);
        return ByteBuffer.allocate(Integer.BYTES + header.length + net.length).putInt(header.length).put(header)
                .put(net).array();
    }

    /**
     * Reads {@link #encode()} output.
     *
     * @throws CorruptArtifactException if the bytes are truncated or corrupted
     */
    public static ModelArtifact decode(byte[] bytes) throws CorruptArtifactException {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            int headerLength = b.getInt();
            if (headerLength < 0 || headerLength > b.remaining()) {
                throw new CorruptArtifactException("model artifact header of " + headerLength
                        + " bytes in " + bytes.length, null);
            }
            Header h = MAPPER.readValue(new String(bytes, Integer.BYTES, headerLength, StandardCharsets.UTF_8),
                    Header.class);
            byte[] net = new byte[bytes.length - Integer.BYTES - headerLength];
            b.position(Integer.BYTES + headerLength);
            b.get(net);
            return new ModelArtifact(NetworkCodec.decode(net), h.seconds(), h.curve(), h.stepsPerEpoch(), h.quantization(),
                    h.extraCurves());
        } catch (JsonProcessingException | RuntimeException e) { // CorruptArtifactException, buffer underflow, ...
            throw new CorruptArtifactException("corrupt model artifact: " + e.getMessage(), e);
        }
    }

    private record Header(double seconds, int stepsPerEpoch, List<EpochStats> curve, QuantizationRecord quantization,
                          Map<String, List<Double>> extraCurves) {
    }
}
