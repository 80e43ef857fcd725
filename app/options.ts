/**
 * The names the training options choose from, one home each: the Api's schema, the trainer, the CLI's
 * usage and the renderer's selects all read these lists.
 */
export const OPTIMIZERS = ['sgd', 'momentum', 'adagrad', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** The optimizers' constants, the book's defaults (common/optimizer.py), shared by every kernel that updates weights. */
export const MOMENTUM = 0.9;
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;

/** Every initializer a Parameter node offers; a training run picks one of the random ones. */
export const INITIALIZERS = ['zeros', 'normal', 'he', 'xavier'] as const;
export type Initializer = (typeof INITIALIZERS)[number];
export const TRAINING_INITIALIZERS = ['normal', 'he', 'xavier'] as const satisfies readonly Initializer[];
export type InitName = (typeof TRAINING_INITIALIZERS)[number];

export const BACKENDS = ['native', 'js'] as const;
export type BackendName = (typeof BACKENDS)[number];
