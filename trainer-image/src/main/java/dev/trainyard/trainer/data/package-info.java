/**
 * Data in: the streaming COCO keypoint reader with the reference's filtering, image decoding, the
 * synthetic-people generator behind {@code trainyard synth}, and the multi-threaded
 * {@link dev.trainyard.trainer.data.BatchLoader}.
 *
 * <p>Notes against the reference: grey images are replicated into RGB without the brightening
 * Java's {@code getRGB} would apply; 16-bit grey PNGs are scaled to 8 bits (PIL clips them); a
 * missing {@code area} falls back to the bbox area; CMYK/YCCK JPEGs, which ImageIO cannot decode,
 * are a clear one-line error. Image sizes come from the decoded file, not from the JSON.
 */
package dev.trainyard.trainer.data;
