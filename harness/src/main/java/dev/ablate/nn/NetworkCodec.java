package dev.ablate.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Compact, versioned binary form of a {@link Network}: enough to rebuild the architecture and every
 * parameter bit for bit, masks included.
 *
 * <p>Format version 2, big-endian ({@link DataOutputStream}):
 * <pre>
 *   magic   "ABLN" (4 bytes)      version u16 = 2
 *   layers  i32 count, then per layer a u8 kind and its fields:
 *             1 Linear:      UTF name, i32 in, i32 out
 *             2 ReLU:        i32 size
 *             3 Conv2d:      UTF name, i32 inChannels, i32 height, i32 width, i32 outChannels, i32 kernel,
 *                            i32 stride, i32 padding
 *             4 MaxPool2d,
 *             5 AvgPool2d:   UTF name, i32 channels, i32 height, i32 width, i32 kernel, i32 stride
 *             6 Tanh:        i32 size
 *             7 Flatten:     u8 rank, i32 dims[rank]
 *             8 Dropout:     UTF name, i32 size, f64 p (raw bits)
 *             9 BatchNorm1d: UTF name, i32 features, then f32 running_mean[C], f32 running_var[C] (raw bits)
 *            10 BatchNorm2d: UTF name, i32 channels, i32 height, i32 width, then running stats as for 9
 *   params  i32 count, then per parameter in {@link Network#parameters()} order:
 *           UTF name, u8 rank, i32 dims[rank], f32 raw bits[size],
 *           u8 hasMask (0/1), then if 1: ceil(size/8) bytes, bit i (LSB first) = mask[i]
 *   trailer i32 CRC32 of every preceding byte
 * </pre>
 * Gradients, optimizer state and training/inference mode are not stored (a decoded network is in inference
 * mode). Version 1 is the same layout with only kinds 1 and 2; it is still decoded.
 */
public final class NetworkCodec {

    private static final byte[] MAGIC = {'A', 'B', 'L', 'N'};
    /** Current format version; bump on any layout change and keep decoding the old ones. */
    public static final int FORMAT_VERSION = 2;
    private static final int KIND_LINEAR = 1;
    private static final int KIND_RELU = 2;
    private static final int KIND_CONV2D = 3;
    private static final int KIND_MAXPOOL2D = 4;
    private static final int KIND_AVGPOOL2D = 5;
    private static final int KIND_TANH = 6;
    private static final int KIND_FLATTEN = 7;
    private static final int KIND_DROPOUT = 8;
    private static final int KIND_BATCHNORM1D = 9;
    private static final int KIND_BATCHNORM2D = 10;
    /** Layer kinds each format version knows. */
    private static final int[] MAX_KIND = {0, KIND_RELU, KIND_BATCHNORM2D};

    private NetworkCodec() {
    }

    /**
     * Serializes a network.
     *
     * @throws IllegalArgumentException if the network holds a layer type this format cannot describe
     */
    public static byte[] encode(Network net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64,
                net.parameterCount() * 4 + 256));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(FORMAT_VERSION);
            out.writeInt(net.layers().size());
            for (Layer l : net.layers()) {
                writeLayer(out, l);
            }
            out.writeInt(net.parameters().size());
            for (Parameter p : net.parameters()) {
                out.writeUTF(p.name());
                int[] shape = p.shape();
                out.writeByte(shape.length);
                for (int s : shape) {
                    out.writeInt(s);
                }
                for (float v : p.data()) {
                    out.writeInt(Float.floatToRawIntBits(v));
                }
                float[] mask = p.mask();
                out.writeByte(mask == null ? 0 : 1);
                if (mask != null) {
                    byte[] bits = new byte[(mask.length + 7) / 8];
                    for (int i = 0; i < mask.length; i++) {
                        if (mask[i] != 0f) {
                            bits[i >>> 3] |= (byte) (1 << (i & 7));
                        }
                    }
                    out.write(bits);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        byte[] all = Arrays.copyOf(body, body.length + 4);
        int c = (int) crc.getValue();
        all[body.length] = (byte) (c >>> 24);
        all[body.length + 1] = (byte) (c >>> 16);
        all[body.length + 2] = (byte) (c >>> 8);
        all[body.length + 3] = (byte) c;
        return all;
    }

    private static void writeLayer(DataOutputStream out, Layer l) throws IOException {
        if (l instanceof Linear lin) {
            out.writeByte(KIND_LINEAR);
            out.writeUTF(lin.name());
            out.writeInt(lin.inputSize());
            out.writeInt(lin.outputSize());
        } else if (l instanceof ReLU relu) {
            out.writeByte(KIND_RELU);
            out.writeInt(relu.inputSize());
        } else if (l instanceof Conv2d conv) {
            out.writeByte(KIND_CONV2D);
            out.writeUTF(conv.name());
            writeInts(out, conv.inputShape());
            out.writeInt(conv.outChannels());
            out.writeInt(conv.kernel());
            out.writeInt(conv.stride());
            out.writeInt(conv.padding());
        } else if (l instanceof Pool2d pool) {
            out.writeByte(pool instanceof MaxPool2d ? KIND_MAXPOOL2D : KIND_AVGPOOL2D);
            out.writeUTF(pool.name());
            writeInts(out, pool.inputShape());
            out.writeInt(pool.kernel());
            out.writeInt(pool.stride());
        } else if (l instanceof Tanh tanh) {
            out.writeByte(KIND_TANH);
            out.writeInt(tanh.inputSize());
        } else if (l instanceof Flatten flat) {
            out.writeByte(KIND_FLATTEN);
            int[] shape = flat.inputShape();
            out.writeByte(shape.length);
            writeInts(out, shape);
        } else if (l instanceof Dropout drop) {
            out.writeByte(KIND_DROPOUT);
            out.writeUTF(drop.name());
            out.writeInt(drop.inputSize());
            out.writeLong(Double.doubleToRawLongBits(drop.p()));
        } else if (l instanceof BatchNorm bn) {
            out.writeByte(bn instanceof BatchNorm1d ? KIND_BATCHNORM1D : KIND_BATCHNORM2D);
            out.writeUTF(bn.name());
            writeInts(out, bn.inputShape());
            writeFloats(out, bn.runningMean());
            writeFloats(out, bn.runningVar());
        } else {
            throw new IllegalArgumentException("NetworkCodec v" + FORMAT_VERSION + " cannot encode layer " + l);
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeInt(Float.floatToRawIntBits(v));
        }
    }

    private static void readFloats(DataInputStream in, float[] values) throws IOException {
        for (int k = 0; k < values.length; k++) {
            values[k] = Float.intBitsToFloat(in.readInt());
        }
    }

    private static Layer readLayer(DataInputStream in, int kind) throws IOException {
        return switch (kind) {
            case KIND_LINEAR -> new Linear(in.readUTF(), in.readInt(), in.readInt());
            case KIND_RELU -> new ReLU(in.readInt());
            case KIND_CONV2D -> new Conv2d(in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    in.readInt(), in.readInt(), in.readInt());
            case KIND_MAXPOOL2D -> new MaxPool2d(in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    in.readInt());
            case KIND_AVGPOOL2D -> new AvgPool2d(in.readUTF(), in.readInt(), in.readInt(), in.readInt(), in.readInt(),
                    in.readInt());
            case KIND_TANH -> new Tanh(in.readInt());
            case KIND_FLATTEN -> {
                int[] shape = new int[in.readUnsignedByte()];
                for (int k = 0; k < shape.length; k++) {
                    shape[k] = in.readInt();
                }
                yield new Flatten(shape);
            }
            case KIND_DROPOUT -> new Dropout(in.readUTF(), in.readInt(), Double.longBitsToDouble(in.readLong()));
            case KIND_BATCHNORM1D, KIND_BATCHNORM2D -> {
                BatchNorm bn = kind == KIND_BATCHNORM1D ? new BatchNorm1d(in.readUTF(), in.readInt())
                        : new BatchNorm2d(in.readUTF(), in.readInt(), in.readInt(), in.readInt());
                readFloats(in, bn.runningMean());
                readFloats(in, bn.runningVar());
                yield bn;
            }
            default -> throw new IllegalStateException("unreachable kind " + kind);
        };
    }

    /**
     * Rebuilds a network from {@link #encode} output (format version 1 or 2).
     *
     * @throws CorruptArtifactException if the input is truncated, fails its checksum, has a bad magic or an
     *                                  unknown version, or describes an inconsistent network
     */
    public static Network decode(byte[] data) {
        if (data.length < MAGIC.length + 2 + 4) {
            throw new CorruptArtifactException("network artifact truncated: " + data.length + " bytes");
        }
        if (!Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptArtifactException("not a network artifact: bad magic");
        }
        int bodyLength = data.length - 4;
        CRC32 crc = new CRC32();
        crc.update(data, 0, bodyLength);
        int stored = ((data[bodyLength] & 0xff) << 24) | ((data[bodyLength + 1] & 0xff) << 16)
                | ((data[bodyLength + 2] & 0xff) << 8) | (data[bodyLength + 3] & 0xff);
        if (stored != (int) crc.getValue()) {
            throw new CorruptArtifactException(String.format("network artifact checksum mismatch: stored %08x, computed %08x"
                    + " (%d bytes; truncated or corrupted)", stored, (int) crc.getValue(), data.length));
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, bodyLength))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readUnsignedShort();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new CorruptArtifactException("unsupported network format version " + version
                        + " (this build reads 1 to " + FORMAT_VERSION + ")");
            }
            int layerCount = in.readInt();
            if (layerCount < 1 || layerCount > 10_000) {
                throw new CorruptArtifactException("bad layer count " + layerCount);
            }
            List<Layer> layers = new ArrayList<>(layerCount);
            for (int i = 0; i < layerCount; i++) {
                int kind = in.readUnsignedByte();
                if (kind < 1 || kind > MAX_KIND[version]) {
                    throw new CorruptArtifactException("unknown layer kind " + kind + " at layer " + i
                            + " for format version " + version);
                }
                layers.add(readLayer(in, kind));
            }
            Network net = new Network(layers);
            int paramCount = in.readInt();
            if (paramCount != net.parameters().size()) {
                throw new CorruptArtifactException("artifact has " + paramCount + " parameters, architecture needs "
                        + net.parameters().size());
            }
            for (Parameter p : net.parameters()) {
                String name = in.readUTF();
                int rank = in.readUnsignedByte();
                int[] shape = new int[rank];
                for (int k = 0; k < rank; k++) {
                    shape[k] = in.readInt();
                }
                if (!name.equals(p.name()) || !Arrays.equals(shape, p.shape())) {
                    throw new CorruptArtifactException("parameter " + name + Arrays.toString(shape)
                            + " does not match the architecture's " + p);
                }
                float[] values = p.data();
                for (int k = 0; k < values.length; k++) {
                    values[k] = Float.intBitsToFloat(in.readInt());
                }
                int hasMask = in.readUnsignedByte();
                if (hasMask == 1) {
                    byte[] bits = new byte[(values.length + 7) / 8];
                    in.readFully(bits);
                    float[] mask = new float[values.length];
                    for (int k = 0; k < mask.length; k++) {
                        mask[k] = (bits[k >>> 3] >>> (k & 7) & 1) == 1 ? 1f : 0f;
                    }
                    p.setMask(mask);
                } else if (hasMask != 0) {
                    throw new CorruptArtifactException("bad mask flag " + hasMask + " for " + name);
                }
            }
            if (in.available() != 0) {
                throw new CorruptArtifactException(in.available() + " unexpected trailing bytes");
            }
            return net;
        } catch (IOException e) {
            throw new CorruptArtifactException("network artifact truncated or malformed: " + e, e);
        } catch (IllegalArgumentException e) {
            throw new CorruptArtifactException("network artifact describes an invalid network: " + e.getMessage(), e);
        }
    }
}
