/**
 * Augmentation and preprocessing, in the reference's order ({@code cocokp._preprocess}): flip,
 * rescale, blur, rotation, crop, pad, colour, normalisation; {@code cocodet}'s, which after the pad
 * turns tiny and mostly cropped objects into crowds ({@code MinSize}, {@code UnclippedArea}); and the
 * evaluation preprocessing.
 *
 * <p>Every transform takes a {@link java.util.random.RandomGenerator}; {@link
 * dev.trainyard.trainer.transform.SampleRandom} derives it from (seed, epoch, index), so results do not
 * depend on which loader thread ran them. {@link dev.trainyard.trainer.data.ImageMeta} is updated as
 * the reference updates its {@code meta} dict, except that our offset has the opposite sign
 * (transformed = original x scale + offset).
 *
 * <p>Where this differs from the reference, and why:
 * <ul>
 *   <li>Rescaling follows the reference's scipy linear zoom (corner pixels aligned, coordinates
 *       x (W' - 1) / (W - 1), no antialiasing) rather than PIL; values stay floats instead of being
 *       rounded to 8 bits between steps.</li>
 *   <li>Arbitrary rotations resample bilinearly instead of scipy's cubic spline; quarter turns move
 *       pixels exactly.</li>
 *   <li>The hue shift of the colour jitter uses float HSV rather than PIL's 8-bit hue.</li>
 *   <li>Kept on purpose: the crop offset draw {@code clip(U(-0.1, 0.1), 0, 1)} (half the crops at
 *       the minimum offset), which looks unintended in the reference but defines its training
 *       distribution.</li>
 * </ul>
 */
package dev.trainyard.trainer.transform;
