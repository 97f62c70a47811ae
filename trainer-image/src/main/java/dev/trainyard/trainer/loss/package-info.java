/**
 * The composite CIF/CAF training loss: per head a confidence ({@code .c}), a Laplace regression
 * ({@code .vec}) and a scale ({@code .scales}) component, combined by {@link
 * dev.trainyard.trainer.loss.MultiHeadLoss} with fixed lambdas or auto-tuned weights.
 *
 * <p>Semantics follow the reference implementation (OpenPifPaf v0.13.11) as summarised in section 2
 * of the shared pose-training semantics. Where this package differs, it is on purpose:
 *
 * <ul>
 *   <li>Components are computed densely over every field cell with masks instead of gathering the
 *       valid elements; sums are the same, and ignored elements receive exactly zero gradient.
 *       Ignored inputs are replaced by harmless values before any arithmetic so that no NaN or inf
 *       reaches the backward pass.
 *   <li>The focal step p̄·m is evaluated as α(p̄^(γ+1) + γ p̄^γ p (-ln p)), algebraically the
 *       reference's p̄·α(p̄^γ + γ p̄^(γ-1) p (-ln p)) but finite for extreme logits when γ &lt; 1.
 *   <li>As in the reference, the regression soft clamp reads {@code --scale-soft-clamp};
 *       {@code --regression-soft-clamp} is accepted and ignored (semantics section 12).
 *   <li>Kendall tuning is chosen by component kind rather than by a substring of the name, and
 *       its log-sigmas are float32 (the reference keeps float64).
 *   <li>Conflicting flags ({@code --lambdas} with {@code --component-lambdas}, both auto-tune
 *       flags) and out-of-range values are rejected instead of one silently winning.
 * </ul>
 */
package dev.trainyard.trainer.loss;
