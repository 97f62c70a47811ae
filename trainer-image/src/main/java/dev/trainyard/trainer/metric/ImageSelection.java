package dev.trainyard.trainer.metric;

/** Which images a results file is scored on. */
public enum ImageSelection {
    /**
     * Every image of the annotation file, pycocotools' default: people in images without any
     * result count as missed.
     */
    ALL,
    /**
     * The images that have at least one result. This is what OpenPifPaf evaluated when the file is
     * its own {@code .pred.json}: it scores the images it ran on and writes at least one (dummy)
     * pose for each of them.
     */
    WITH_RESULTS
}
