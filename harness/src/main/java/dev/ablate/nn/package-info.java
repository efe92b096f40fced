/**
 * The neural-network core: named {@link dev.ablate.nn.Parameter}s, {@link dev.ablate.nn.Layer}s with explicit
 * forward and backward passes over mini-batches, a sequential {@link dev.ablate.nn.Network}, the softmax
 * cross-entropy loss, SGD with PyTorch semantics, the training loop and a binary artifact codec. Layers:
 * {@link dev.ablate.nn.Linear}, {@link dev.ablate.nn.Conv2d} (im2col + GEMM), max/average pooling, ReLU, Tanh,
 * Flatten, Dropout and BatchNorm (1-D and 2-D, foldable with {@link dev.ablate.nn.BatchNormFolding}); PyTorch's
 * initialisers in {@link dev.ablate.nn.Init}.
 *
 * <p>Pure Java: dense GEMM goes through {@code dev.ludovic.netlib} BLAS ({@link dev.ablate.nn.Blas}), which
 * uses native OpenBLAS when installed and its Vector API implementation otherwise; element-wise kernels BLAS
 * lacks use {@code jdk.incubator.vector} with the one species of {@code VectorKernels.SPECIES}. Everything here is
 * single-threaded; parallelism comes from running trials side by side. Tensors are row-major {@code float[]}
 * with PyTorch layouts and names ({@code fc1.weight} is {@code [out, in]}), so results compare line by line
 * with a PyTorch notebook.
 *
 * <p>This package knows nothing of Spark, YAML or Parquet and depends only on {@code dev.ablate.data} and
 * {@code dev.ablate.spec}.
 */
package dev.ablate.nn;
