/**
 * Checkpoint files: one ZIP per checkpoint with {@code checkpoint.json} (what produced it and how
 * to rebuild the network) and {@code network.params} (DJL's parameter stream), written atomically.
 * Unlike the reference's pickles, a checkpoint holds no code: the network is rebuilt from the
 * recorded architecture and head descriptors, so a newer trainer reads older files as long as the
 * format version is known. {@link dev.trainyard.trainer.checkpoint.HeadConsolidation} implements
 * the reference's {@code --head-consolidation} when refining on other datasets.
 *
 * <p>Optimizer state (momentum, Adam moments) is not saved, as in the reference: a refined run
 * starts its optimizer afresh.
 */
package dev.trainyard.trainer.checkpoint;
