package dev.trainyard.trainer.transform;

import dev.trainyard.trainer.data.Sample;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints the time per sample of each training transform and of the whole cocokp pipeline on a
 * 640x480 image (COCO's typical size). Not a test: run it by hand after {@code test-compile},
 * <pre>java -cp trainer-image/target/classes:trainer-image/target/test-classes \
 *     dev.trainyard.trainer.transform.TransformBenchmark</pre>
 */
public final class TransformBenchmark {

    private TransformBenchmark() {}

    public static void main(String[] args) {
        Sample sample = DotImages.people(640, 480, 3);
        Map<String, Transform> steps = new LinkedHashMap<>();
        steps.put("hflip", HFlip.coco());
        steps.put("rescale-relative", RescaleRelative.cocokp(false, 1.0));
        steps.put("blur", new Blur());
        steps.put("rotate-uniform", new RotateUniform(30));
        steps.put("crop-385", new Crop(385));
        steps.put("center-pad-641", new CenterPad(641));
        steps.put("color-jitter", ColorJitter.cocokp());
        steps.put("jpeg-q50", new JpegCompression(50));
        steps.put("normalize", new Normalize());
        steps.put("cocokp-train-385", TrainTransforms.cocokp(CocoKpConfig.defaults()));
        steps.put("cocokp-train-513-o10-blur", TrainTransforms.cocokp(new CocoKpConfig(513, true, 0.1, 0.1, true, 1.0)));
        steps.put("eval-641", EvalTransforms.coco(641, 1));
        for (var step : steps.entrySet()) {
            int iterations = 40;
            for (int i = 0; i < 10; i++) {
                step.getValue().apply(sample, SampleRandom.of(0, 0, i));
            }
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                step.getValue().apply(sample, SampleRandom.of(1, 0, i));
            }
            double ms = (System.nanoTime() - start) / 1e6 / iterations;
            System.out.printf("{\"type\": \"benchmark\", \"transform\": \"%s\", \"ms_per_sample\": %.2f}%n", step.getKey(), ms);
        }
    }
}
