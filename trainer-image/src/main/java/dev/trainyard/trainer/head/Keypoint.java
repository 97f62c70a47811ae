package dev.trainyard.trainer.head;

/** A point of a reference pose, in arbitrary units with y pointing up. */
public record Keypoint(double x, double y) {}
