/**
 * Data modules, the reference's {@code DataModule}s: each owns its flags, its head descriptors and
 * the pipeline from a {@link dev.trainyard.trainer.data.SampleSource} through transforms and encoders
 * to batches. {@code cocokp} (person keypoints), {@code cocodet} (COCO detection) and {@code custom}
 * (any COCO-format keypoint skeleton) are here, each registered as a
 * {@link dev.trainyard.trainer.dataset.DataModulePlugin} that {@link dev.trainyard.trainer.dataset.DataModules} finds.
 */
package dev.trainyard.trainer.dataset;
