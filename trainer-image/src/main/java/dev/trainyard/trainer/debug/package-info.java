/**
 * Debug images of fields ({@code --debug-images --debug-indices cif:5 --save-all DIR}): the selected
 * ground-truth fields ({@code train}) or predicted fields ({@code predict}) drawn over the
 * un-normalised network input, one PNG per field.
 *
 * <p>Against the reference, which opens one matplotlib figure per plot type: one image per field
 * holds confidence, vectors and scales together, drawn with Java2D (headless) and written
 * atomically, cheap enough to run on every batch. The reference's plot type suffix
 * ({@code cif:5:confidence}) is rejected rather than ignored. Targets and predictions go through
 * the same painters ({@code FieldView}): predicted confidences are a
 * continuous overlay, and as in the reference vectors and scales are drawn only above confidence 0.5.
 */
package dev.trainyard.trainer.debug;
