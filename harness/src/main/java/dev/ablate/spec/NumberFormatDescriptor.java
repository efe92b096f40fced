package dev.ablate.spec;

/**
 * A number format's descriptor ({@link Axis#WEIGHT_FORMAT}, {@link Axis#ACTIVATION_FORMAT}): besides its keys it
 * knows how wide its elements are, which a resolved config reports whether or not the format takes {@code bits}.
 */
public interface NumberFormatDescriptor extends Descriptor {

    /**
     * Bits per element: {@code bits} for a format whose width is chosen ({@code int}, {@code codebook}), the
     * format's own width otherwise.
     */
    int elementBits(int bits);
}
