/**
 * Decoders: network fields (or encoded targets) of one image to poses and boxes, with the
 * reference's {@code cifcaf} and {@code cifdet} semantics (its C++ decoder, v0.13).
 *
 * <p>Flow: {@link dev.trainyard.trainer.decoder.Fields#ofBatch} cuts a network output into images
 * and applies the heads' eval activations ({@link dev.trainyard.trainer.decoder.HeadFields#fromRaw});
 * {@link dev.trainyard.trainer.decoder.Decoders#create} picks a decoder for the network's heads;
 * its {@code decode} gives {@link dev.trainyard.trainer.decoder.Predictions} in input pixels, and
 * {@link dev.trainyard.trainer.decoder.Predictions#toOriginal} maps them to the original image.
 *
 * <p>Implementation notes against the reference:
 * <ul>
 *   <li>The high-resolution map is reused with per-tile image stamps instead of a float revision
 *       offset, so its values keep full float precision; an in-map pixel nothing was added to reads
 *       0 (the reference reads 0 or, for stale revisions, the default). Its Gaussian is evaluated
 *       over the bounding box without branches; {@code -d²/(2σ²)} is computed in float, not double,
 *       so values may differ from the reference's in the last bit.</li>
 *   <li>Ties are broken by insertion order (seeds by field, row, column; frontier entries FIFO;
 *       poses stably by mean score) where the reference's {@code std::sort} and
 *       {@code priority_queue} leave them unspecified.</li>
 *   <li>{@code --dense-connections COUPLING}: the dense CAF head's connections are appended to the
 *       skeleton with the same weight as the sparse ones; the coupling value only switches this on,
 *       exactly as the reference's C++ grower, which ignores it (its Python once scaled the frontier
 *       priority by it).</li>
 *   <li>{@code --decoder NAME} without an index selects every candidate of that type (the
 *       reference's parser selects none); only {@code cifcaf} and {@code cifdet} exist, and with
 *       {@code --dense-connections} {@code cifcaf} is the reference's {@code cifcafdense}.</li>
 *   <li>Decoding ground truth ({@link dev.trainyard.trainer.decoder.HeadFields#fromTargets}) has no
 *       counterpart in the reference.</li>
 * </ul>
 */
package dev.trainyard.trainer.decoder;
