/**
 * Field encoders: annotations of a transformed sample to CIF, CAF and CifDet training targets,
 * with the reference's patch shapes, nearest-wins rule, instance and keypoint scales, crowd and
 * no-keypoint ignore regions and valid-area background.
 *
 * <p>Implementation notes against the reference:
 * <ul>
 *   <li>No padded work arrays: cells in the reference's 10-cell padding are cropped away anyway, so
 *       only visible cells are stored; the padding is kept for the "does the patch fit" rule, so the
 *       output is identical.</li>
 *   <li>Arithmetic that decides a rounding (keypoint / stride, patch origin with half-to-even
 *       rounding, CAF lengths, crowd boxes) is done in float32 as numpy does, so boundary cases round
 *       the same way.</li>
 *   <li>Stricter: a CifDet box without positive width and height, or a category outside the head,
 *       is an error; annotations without keypoint slots are skipped for keypoint sets (the
 *       reference would fail) but still become ignore regions. The reference's
 *       {@code 0 < scale < 100} assertion is not reproduced.</li>
 * </ul>
 */
package dev.trainyard.trainer.encoder;
