/**
 * The training loop and what it steps: {@link dev.trainyard.trainer.train.Trainer} (epochs,
 * checkpoints, validation, log records), {@link dev.trainyard.trainer.train.TrainingStep}
 * (forward, loss, backward), the optimizers {@link dev.trainyard.trainer.train.Sgd} and
 * {@link dev.trainyard.trainer.train.Adam} with PyTorch's update rules,
 * {@link dev.trainyard.trainer.train.LearningRateSchedule},
 * {@link dev.trainyard.trainer.train.GradientClipping}, {@link dev.trainyard.trainer.train.Ema},
 * the progress line and the JSON-lines log. The picocli mixins
 * {@link dev.trainyard.trainer.train.OptimizerOptions} and
 * {@link dev.trainyard.trainer.train.TrainerOptions} carry the reference's flags.
 *
 * <p>Memory: DJL attaches an operation's result to its first operand's manager, so an update
 * written naively on a parameter (a long-lived array of the model's manager) leaks one array per
 * step. Every in-place update here temporarily attaches the parameter and its state to a scratch
 * manager that is closed after the step ({@code TrainingStepTest.stepsDoNotLeakArrays} guards it).
 *
 * <p>Deliberate differences from the reference (docs/training.md lists them for users): epoch
 * losses are means over the batches run; the schedule's N is the number of batches run per epoch;
 * parameters of heads without targets in a batch are skipped by the optimizer, as PyTorch skips
 * parameters whose gradient is None; {@code --seed} makes runs reproducible.
 */
package dev.trainyard.trainer.train;
