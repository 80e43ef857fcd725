/**
 * Every size limit of the project, in one place: the Api's schemas, the CLI, the graph validator and
 * the app's fields all read them from here, so a limit is changed once and said the same way everywhere.
 */

/** Bytes of a graph file (or any text the Api takes); read and write count the same UTF-8 bytes. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/**
 * Elements of one tensor a node may make: 2^26 float64 values are 512 MiB, far past any graph of the
 * chapter (the two-layer net's biggest is 784×50 = 39,200) and still safe on a 4 GiB machine.
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 26;

/** Elements of all tensors of one graph's forward pass together (values, gradients come on top). */
export const MAX_GRAPH_ELEMENTS = 2 ** 27;

/** Nodes and edges of one graph document. */
export const MAX_NODES = 100_000;
export const MAX_EDGES = 200_000;

/** Images in one MNIST batch (a node's batch size, a training batch). */
export const MAX_MNIST_BATCH = 10_000;

/** Training options: whole-number ranges, as the app's fields, the Api and `bpstudio train` check them. */
export const TRAINING_LIMITS = {
  iterations: { min: 1, max: 1_000_000 },
  batchSize: { min: 1, max: MAX_MNIST_BATCH },
  hiddenSize: { min: 1, max: 4_096 },
  seed: { min: 0, max: 0xffffffff },
} as const;

/** Learning rate and weight std: positive, finite and at most this. */
export const MAX_LEARNING_RATE = 100;
export const MAX_WEIGHT_STD = 10;
