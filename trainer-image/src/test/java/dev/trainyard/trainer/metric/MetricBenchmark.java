package dev.trainyard.trainer.metric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prints the time of a COCO keypoint evaluation (evaluate, accumulate, summarize) of synthetic
 * people and 20 jittered or stray predictions per image, and of the same scoring from files. Not a
 * test: run it by hand (numbers in {@code docs/benchmarks.md}),
 * <pre>./mvnw -o -q -pl trainer-image test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp trainer-image/target/classes:trainer-image/target/test-classes:$(cat /tmp/cp.txt) \
 *     dev.trainyard.trainer.metric.MetricBenchmark 5000</pre>
 * The arguments are image counts (default 500 and 5000). The reference takes 1.23 s for 500
 * images x 20 predictions (semantics section 13).
 */
public final class MetricBenchmark {

    private static final int PREDICTIONS = 20;
    private static final int RUNS = 5;

    private MetricBenchmark() {}

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length == 0 ? new int[] {500, 5000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int images : sizes) {
            run(images);
        }
    }

    private static void run(int images) throws IOException {
        SplittableRandom random = new SplittableRandom(20260101L + images);
        List<Long> imageIds = new ArrayList<>();
        List<GroundTruthObject> objects = new ArrayList<>();
        List<CocoResult> results = new ArrayList<>();
        long annotationId = 1;
        for (long image = 1; image <= images; image++) {
            imageIds.add(image);
            int people = random.nextInt(0, 6);
            List<GroundTruthObject> imageObjects = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                imageObjects.add(person(annotationId++, image, random));
            }
            if (random.nextInt(20) == 0) {
                imageObjects.add(GroundTruthObject.person(annotationId++, image, new double[3 * MetricFixtures.K],
                        new double[] {300, 200, 200, 150}, 25000, true));
            }
            objects.addAll(imageObjects);
            for (int n = 0; n < PREDICTIONS; n++) {
                GroundTruthObject target = n < imageObjects.size() && !imageObjects.get(n).crowd() ? imageObjects.get(n) : null;
                // Found people mostly outscore stray poses, as a decoder's would.
                double[] keypoints = target != null ? jittered(target, random) : stray(random);
                double score = target != null ? random.nextDouble(0.3, 1.0) : random.nextDouble(0.0, 0.5);
                results.add(new CocoResult(image, 1, keypoints, new double[0], Math.rint(score * 1000) / 1000));
            }
        }
        CocoGroundTruth truth = CocoGroundTruth.of(null, imageIds, List.of(1), objects);
        CocoEvaluator evaluator = CocoEvaluator.of(IouType.KEYPOINTS);

        CocoStats stats = null;
        for (int run = 0; run < RUNS; run++) {
            long t0 = System.nanoTime();
            ImageEvaluation[][][] perImage = evaluator.evaluateImages(truth, results, imageIds);
            long t1 = System.nanoTime();
            Accumulation accumulation = evaluator.accumulate(perImage);
            long t2 = System.nanoTime();
            stats = evaluator.summarize(accumulation);
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "{\"type\": \"benchmark\", \"metric\": \"keypoints\", \"images\": %d, "
                    + "\"predictions\": %d, \"people\": %d, \"run\": %d, \"evaluate_s\": %.3f, \"accumulate_s\": %.3f, "
                    + "\"summarize_s\": %.4f, \"total_s\": %.3f}%n", images, results.size(), objects.size(), run,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3 - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "{\"type\": \"benchmark-stats\", \"images\": %d, \"stats\": %s}%n", images, stats.values());

        Path dir = Files.createTempDirectory("metric-benchmark");
        Path gtFile = dir.resolve("person_keypoints_synthetic.json");
        writeGroundTruth(gtFile, imageIds, objects);
        Path resultsFile = dir.resolve("results.json");
        CocoResultsWriter.write(resultsFile, results);
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            ResultsScoring.score(gtFile, resultsFile, IouType.KEYPOINTS, ImageSelection.ALL, line -> { });
            System.out.printf(Locale.ROOT, "{\"type\": \"benchmark\", \"metric\": \"keypoints-files\", \"images\": %d, "
                    + "\"run\": %d, \"read_and_score_s\": %.3f}%n", images, run, (System.nanoTime() - t0) / 1e9);
        }
        Files.delete(gtFile);
        Files.delete(resultsFile);
        Files.delete(dir);
    }

    /** An upright person 40 to 300 px tall, each keypoint labelled with probability 0.8. */
    private static GroundTruthObject person(long id, long image, SplittableRandom random) {
        double height = random.nextDouble(40, 300);
        double x = random.nextDouble(0, 640 - height / 2);
        double y = random.nextDouble(0, 480);
        double[] keypoints = new double[3 * MetricFixtures.K];
        for (int p = 0; p < MetricFixtures.K; p++) {
            if (random.nextDouble() < 0.8) {
                keypoints[3 * p] = Math.rint(x + (p % 4) * height / 8);
                keypoints[3 * p + 1] = Math.rint(y + (p / 4) * height / 4);
                keypoints[3 * p + 2] = 2;
            }
        }
        double area = 0.4 * height * height * random.nextDouble(0.3, 0.6);
        return GroundTruthObject.person(id, image, keypoints, new double[] {x, y, 3 * height / 8, height}, area, false);
    }

    /** The person's keypoints moved by a few pixels, rounded to 2 decimals like written predictions. */
    private static double[] jittered(GroundTruthObject target, SplittableRandom random) {
        double[] keypoints = target.keypoints().clone();
        double spread = random.nextDouble(0.5, 8);
        for (int p = 0; p < MetricFixtures.K; p++) {
            keypoints[3 * p] = Math.rint((keypoints[3 * p] + spread * (random.nextDouble() - 0.5)) * 100) / 100;
            keypoints[3 * p + 1] = Math.rint((keypoints[3 * p + 1] + spread * (random.nextDouble() - 0.5)) * 100) / 100;
            keypoints[3 * p + 2] = Math.rint(random.nextDouble() * 100) / 100;
        }
        return keypoints;
    }

    private static double[] stray(SplittableRandom random) {
        return MetricFixtures.pose(random.nextDouble(0, 600), random.nextDouble(0, 400));
    }

    private static void writeGroundTruth(Path file, List<Long> imageIds, List<GroundTruthObject> objects) throws IOException {
        StringBuilder json = new StringBuilder("{\"images\": [");
        for (int i = 0; i < imageIds.size(); i++) {
            json.append(i == 0 ? "" : ", ").append("{\"id\": ").append(imageIds.get(i)).append('}');
        }
        json.append("],\n\"annotations\": [");
        for (int i = 0; i < objects.size(); i++) {
            GroundTruthObject o = objects.get(i);
            json.append(i == 0 ? "\n" : ",\n").append("{\"id\": ").append(o.id()).append(", \"image_id\": ").append(o.imageId())
                    .append(", \"category_id\": 1, \"iscrowd\": ").append(o.crowd() ? 1 : 0)
                    .append(", \"num_keypoints\": ").append(o.numKeypoints()).append(", \"area\": ").append(o.area())
                    .append(", \"bbox\": ").append(Arrays.toString(o.bbox()))
                    .append(", \"keypoints\": ").append(Arrays.toString(o.keypoints())).append('}');
        }
        json.append("],\n\"categories\": [{\"id\": 1, \"name\": \"person\"}]}\n");
        Files.writeString(file, json);
    }
}
