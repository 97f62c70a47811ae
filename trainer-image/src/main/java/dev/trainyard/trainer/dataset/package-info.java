/**
 * Data modules, the reference's {@code DataModule}s: each owns its flags, its head descriptors and
 * the pipeline from a {@link dev.trainyard.trainer.data.SampleSource} through transforms and encoders
 * to batches. {@code cocokp} is here; the registry of pluggable datasets comes with {@code train}.
 */
package dev.trainyard.trainer.dataset;
