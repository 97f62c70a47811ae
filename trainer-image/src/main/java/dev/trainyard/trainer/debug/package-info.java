/**
 * Debug images of training targets ({@code --debug-images --debug-indices cif:5 --save-all DIR}):
 * the selected ground-truth fields drawn over the un-normalised input, one PNG per field.
 *
 * <p>Against the reference, which opens one matplotlib figure per plot type: one image per field
 * holds confidence, vectors and scales together, drawn with Java2D (headless) and written
 * atomically, cheap enough to run on every batch. The reference's plot type suffix
 * ({@code cif:5:confidence}) is rejected rather than ignored.
 */
package dev.trainyard.trainer.debug;
