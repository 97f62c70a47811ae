package dev.trainyard.trainer.metric;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Scores a COCO results file against an annotation file, the entry point of
 * {@code trainyard eval --annotations GT.json --predictions RESULTS.json}.
 */
public final class ResultsScoring {

    private ResultsScoring() {}

    /**
     * Reads both files, evaluates with OpenPifPaf's parameters for {@code iouType} and passes each
     * summary line to {@code out} in pycocotools' format, e.g.
     * {@code " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets= 20 ] = 0.123"}.
     *
     * @throws dev.trainyard.trainer.BadInputException naming the file when either file is missing
     *     or malformed, or the results do not fit the ground truth
     */
    public static CocoStats score(Path annotations, Path results, IouType iouType, ImageSelection images, Consumer<String> out) {
        return score(annotations, results, EvalParams.defaults(iouType), images, out);
    }

    /** As {@link #score(Path, Path, IouType, ImageSelection, Consumer)} with explicit parameters. */
    public static CocoStats score(Path annotations, Path results, EvalParams params, ImageSelection images, Consumer<String> out) {
        CocoGroundTruth truth = CocoGroundTruth.read(annotations);
        List<CocoResult> entries = CocoResultsReader.read(results, truth, params);
        CocoEvaluator evaluator = new CocoEvaluator(params);
        CocoStats stats = switch (images) {
            case ALL -> evaluator.evaluate(truth, entries);
            case WITH_RESULTS -> evaluator.evaluate(truth, entries, entries.stream().map(CocoResult::imageId).toList());
        };
        stats.summaryLines().forEach(out);
        return stats;
    }
}
