package dev.trainyard.trainer.checkpoint;

import dev.trainyard.trainer.network.PoseNetwork;
import java.nio.file.Path;

/** A loaded checkpoint: where it came from, its metadata and the network with its weights. */
public record Checkpoint(Path file, CheckpointMeta meta, PoseNetwork network) {}
