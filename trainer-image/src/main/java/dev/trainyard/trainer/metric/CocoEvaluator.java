package dev.trainyard.trainer.metric;

import dev.trainyard.trainer.BadInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * COCO keypoint and box evaluation with the semantics of pycocotools' {@code COCOeval}
 * ({@code evaluate()}, {@code accumulate()}, {@code summarize()}) as OpenPifPaf runs it.
 *
 * <p>Per image and category: ground truths are ignored when crowd, or (keypoints) when
 * {@code num_keypoints == 0}, or when their area is outside the area range; detections are sorted
 * by score (stable) and cut to the largest maxDets; each threshold matches greedily, a detection
 * matched to an ignored ground truth is ignored, crowds may be matched many times, and unmatched
 * detections outside the area range are ignored. Precision takes the monotone envelope and is
 * sampled at 101 recall points with {@code searchsorted(side='left')}.
 *
 * <p>Where the result could differ from the official tool, and why it does not (or by how much):
 * <ul>
 *   <li><b>Parsing.</b> Numbers are read as doubles, correctly rounded like Python's {@code json}
 *       (the training reader's float32 would move coordinates by up to 1e-5). Where pycocotools
 *       keeps integers (an all-integer keypoint list becomes an int64 array), double arithmetic
 *       is exact as long as squared coordinate differences stay below 2^53.
 *   <li><b>Order of operations.</b> Every formula is evaluated in pycocotools' order:
 *       {@code e = (dx**2 + dy**2) / vars / (area + eps) / 2} with {@code vars = (2 sigma)**2}
 *       and {@code eps = np.spacing(1)}; box IoU as the C {@code bbIou}
 *       ({@code (da + ga) - i}, or {@code da} for a crowd); precision {@code tp / (fp + tp + eps)},
 *       so a curve whose first detection is a hit reaches 1 - 2^-52, not 1. Java never fuses a
 *       multiply and an add; pycocotools' x86-64 wheels are compiled without FMA, so neither
 *       does it (a build that contracts {@code bbIou} could differ in the last bit).
 *   <li><b>Summation.</b> {@code np.sum} and {@code np.mean} are not left-to-right sums: numpy
 *       starts from 0.0 and adds a pairwise sum (8 interleaved accumulators per block of up to
 *       128 values, halving above). {@link NumpyMath#sum} reproduces it for the OKS sum over
 *       keypoints and for the summary means, in numpy's C order of the sliced arrays (checked
 *       bit for bit against numpy 2.4 for 5 to 80,800 values: a contiguous slice is summed in
 *       one pairwise pass, also beyond numpy's 8192-element buffer).
 *   <li><b>{@code exp}.</b> The one step no implementation can match everywhere, because numpy's
 *       float64 exp depends on the machine: the C library's exp (correctly rounded but for a few
 *       hundredths of a percent of arguments), or on AVX-512 CPUs numpy's SIMD kernels, which
 *       differ from it in the last bit for ~5% of arguments. We use the correctly rounded exp
 *       ({@link CorrectlyRoundedExp}), the same on every JVM and CPU. An OKS term may thus differ
 *       by one ulp from a given numpy installation, which changes a match only if the OKS lies
 *       within ~1e-16 of a threshold.
 *   <li><b>Ties.</b> pycocotools sorts with {@code argsort(kind='mergesort')}, which is stable;
 *       every stable sort yields the same permutation, and scores are compared with {@code <}
 *       so that 0.0 and -0.0 tie as in numpy. Ties keep file order within an image and ascending
 *       image id across images ({@code np.unique} sorts the image ids). Ground truths are ordered
 *       ignored-last, stably; among equally similar ground truths the later one wins, because only
 *       a strictly smaller similarity is skipped.
 *   <li><b>Thresholds.</b> {@code np.linspace(.5, .95, 10)} and {@code np.linspace(0, 1, 101)}
 *       are computed the way numpy does ({@code i * step + start}, last value = stop), giving
 *       0.8999999999999999 at index 8; {@code summarize()} finds .5 and .75 by exact equality,
 *       which holds for these values.
 *   <li><b>Sigmas.</b> OpenPifPaf's cocokp metric passes no sigmas, so pycocotools' default
 *       {@code np.array([.26, ...]) / 10.0} applies; it differs from the literals 0.026, 0.035 and
 *       0.107 (as in {@code CocoConstants.SIGMAS}) by one ulp ({@link EvalParams#cocoPersonSigmas()}).
 *   <li><b>Result areas.</b> {@code loadRes} decides from the first result: with a non-empty
 *       {@code bbox} every area is the box's, otherwise the extent of all keypoints (unlabelled
 *       ones at (0, 0) included). OpenPifPaf evaluates its predictions in memory with boxes but
 *       writes them without, so rescoring its {@code .pred.json} can change APM/APL.
 *   <li><b>Quirk kept.</b> A match is stored as the ground truth's id and 0 is read as "no match",
 *       so a detection matched to a ground truth with id 0 counts as a false positive.
 *   <li><b>Inputs pycocotools cannot evaluate</b> get an answer or a clear error instead of a
 *       Python exception: an empty result list gives AP 0 (pycocotools: IndexError); a result
 *       lacking the field the first result selected is an error (KeyError); a ground truth without
 *       {@code num_keypoints} counts its keypoints with v > 0 (KeyError), without {@code iscrowd}
 *       is not a crowd (KeyError), without {@code area} uses its box's area (OpenPifPaf's patch)
 *       and without keypoints is compared by the box distance; duplicate annotation ids are
 *       rejected (pycocotools silently evaluates one annotation twice).
 * </ul>
 */
public final class CocoEvaluator {

    private final EvalParams params;

    public CocoEvaluator(EvalParams params) {
        this.params = params;
    }

    /** An evaluator with OpenPifPaf's parameters for this type ({@link EvalParams#defaults}). */
    public static CocoEvaluator of(IouType iouType) {
        return new CocoEvaluator(EvalParams.defaults(iouType));
    }

    public EvalParams params() {
        return params;
    }

    /** Evaluates on every image of the ground truth (pycocotools' default {@code imgIds}). */
    public CocoStats evaluate(CocoGroundTruth truth, List<CocoResult> results) {
        return evaluate(truth, results, truth.imageIds());
    }

    /**
     * Evaluates on the given images only, as OpenPifPaf does with the images it ran on; results
     * and ground truths of other images are left out. Ids without ground truth or results count
     * nowhere.
     *
     * @throws IllegalArgumentException when a result names an image the ground truth does not have,
     *     or has the wrong number of keypoints
     * @throws BadInputException when a ground truth's keypoints do not match the sigmas
     */
    public CocoStats evaluate(CocoGroundTruth truth, List<CocoResult> results, Collection<Long> imageIds) {
        return summarize(accumulate(evaluateImages(truth, results, imageIds)));
    }

    /** pycocotools' {@code evaluate()}: per-image matches {@code [category][area range][image]}. */
    ImageEvaluation[][][] evaluateImages(CocoGroundTruth truth, List<CocoResult> results, Collection<Long> imageIds) {
        check(truth, results);
        List<Long> images = List.copyOf(new TreeSet<>(imageIds));
        List<Integer> categories = params.categoryIds().isEmpty()
                ? List.copyOf(new TreeSet<>(truth.categoryIds()))
                : params.categoryIds();
        Map<Long, Map<Integer, List<Detection>>> detections = byImageAndCategory(Detection.load(results));
        Oks oks = params.iouType() == IouType.KEYPOINTS ? new Oks(params.sigmas()) : null;
        List<AreaRange> ranges = params.areaRanges();
        ImageEvaluation[][][] evaluations = new ImageEvaluation[categories.size()][ranges.size()][images.size()];
        for (int i = 0; i < images.size(); i++) {
            long image = images.get(i);
            Map<Integer, List<GroundTruthObject>> truthsByCategory = byCategory(truth.objects(image));
            Map<Integer, List<Detection>> detectionsByCategory = detections.getOrDefault(image, Map.of());
            for (int k = 0; k < categories.size(); k++) {
                List<GroundTruthObject> truths = truthsByCategory.getOrDefault(categories.get(k), List.of());
                List<Detection> dts = bestFirst(detectionsByCategory.getOrDefault(categories.get(k), List.of()));
                double[][] similarity = null;
                if (!truths.isEmpty() && !dts.isEmpty()) {
                    if (oks != null) {
                        checkKeypoints(truth, truths);
                        similarity = oks.compute(dts, truths);
                    } else {
                        similarity = BoxIou.compute(dts, truths);
                    }
                }
                for (int a = 0; a < ranges.size(); a++) {
                    evaluations[k][a][i] = ImageEvaluation.evaluate(
                            truths, dts, similarity, ranges.get(a), params.iouThresholds(), params.iouType());
                }
            }
        }
        return evaluations;
    }

    /** pycocotools' {@code accumulate()}. */
    Accumulation accumulate(ImageEvaluation[][][] evaluations) {
        return Accumulation.of(params, evaluations);
    }

    /** pycocotools' {@code summarize()}. */
    CocoStats summarize(Accumulation accumulation) {
        return Summary.of(params, accumulation);
    }

    /** The detections sorted by descending score (stable) and cut to the largest maxDets. */
    private List<Detection> bestFirst(List<Detection> detections) {
        if (detections.isEmpty()) {
            return detections;
        }
        double[] scores = new double[detections.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = detections.get(i).score();
        }
        int[] order = Ranked.descendingStable(scores);
        int kept = Math.min(order.length, params.maxDetections());
        List<Detection> sorted = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            sorted.add(detections.get(order[i]));
        }
        return sorted;
    }

    private void check(CocoGroundTruth truth, List<CocoResult> results) {
        int expected = 3 * params.keypointCount();
        for (int i = 0; i < results.size(); i++) {
            CocoResult r = results.get(i);
            if (!truth.containsImage(r.imageId())) {
                throw new IllegalArgumentException("result " + i + " is for image id " + r.imageId()
                        + ", which is not in " + truth.name());
            }
            if (params.iouType() == IouType.KEYPOINTS && r.keypoints().length != expected) {
                throw new IllegalArgumentException("result " + i + " has " + r.keypoints().length
                        + " keypoint values, expected " + expected);
            }
            if (!Double.isFinite(r.score()) || !JsonValues.allFinite(r.keypoints()) || !JsonValues.allFinite(r.bbox())) {
                throw new IllegalArgumentException("result " + i + " has a NaN or infinite score or coordinate");
            }
        }
    }

    private void checkKeypoints(CocoGroundTruth truth, List<GroundTruthObject> truths) {
        int expected = 3 * params.keypointCount();
        for (GroundTruthObject gt : truths) {
            if (gt.keypoints().length != 0 && gt.keypoints().length != expected) {
                throw new BadInputException(truth.name() + ": annotation " + gt.id() + " has " + gt.keypoints().length
                        + " keypoint values, expected " + expected + " (3 x " + params.keypointCount() + " keypoints)");
            }
        }
    }

    private static Map<Long, Map<Integer, List<Detection>>> byImageAndCategory(List<Detection> detections) {
        Map<Long, Map<Integer, List<Detection>>> grouped = new HashMap<>();
        for (Detection d : detections) {
            grouped.computeIfAbsent(d.imageId(), id -> new HashMap<>())
                    .computeIfAbsent(d.categoryId(), id -> new ArrayList<>())
                    .add(d);
        }
        return grouped;
    }

    private static Map<Integer, List<GroundTruthObject>> byCategory(List<GroundTruthObject> objects) {
        Map<Integer, List<GroundTruthObject>> grouped = new HashMap<>();
        for (GroundTruthObject object : objects) {
            grouped.computeIfAbsent(object.categoryId(), id -> new ArrayList<>()).add(object);
        }
        return grouped;
    }
}
