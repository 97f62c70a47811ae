package dev.trainyard.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.data.ImageSizeRange;
import dev.trainyard.trainer.data.SampleSource;
import dev.trainyard.trainer.data.SyntheticPeople;
import dev.trainyard.trainer.dataset.CocoKp;
import dev.trainyard.trainer.dataset.CocoKpSettings;
import dev.trainyard.trainer.dataset.EncodedSample;
import dev.trainyard.trainer.dataset.HostBatch;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.loss.LossConfig;
import dev.trainyard.trainer.loss.LossFactory;
import dev.trainyard.trainer.loss.MultiHeadLoss;
import dev.trainyard.trainer.network.NetworkConfig;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.PoseNetwork;
import dev.trainyard.trainer.transform.CocoKpConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingStepTest {

    @TempDir
    Path dir;

    /** Two synthetic images, rescaled and padded to 65x65 without augmentation, encoded for cif+caf. */
    private HostBatch batch(CocoKp cocokp, List<HeadMeta> heads) {
        SampleSource source = cocokp.openTrain();
        CocoKp.Preprocess preprocess = cocokp.preprocess(heads, 1);
        List<EncodedSample> samples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            samples.add(preprocess.apply(source.load(i), 0, i));
        }
        return HostBatch.collate(samples);
    }

    @Test
    void stepsUpdateEveryParameterAndOverfitAFixedBatch() {
        Engine.getInstance().setRandomSeed(3);
        SyntheticPeople.generate(dir, new SyntheticPeople.Options(2, 0, 4, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
        CocoKp cocokp = new CocoKp(CocoKpSettings.forRoot(dir, CocoKpConfig.defaults().withSquareEdge(65).withAugmentation(false), 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork network = NetworkFactory.createInitialized(NetworkConfig.of("shufflenetv2k16"), cocokp.headMetas(), manager);
            MultiHeadLoss loss = LossFactory.create(network.headMetas(), LossConfig.defaults(), manager);
            HostBatch batch = batch(cocokp, network.headMetas());
            List<NDArray> trainable = TrainableParameters.of(network, loss).all();
            List<float[]> before = trainable.stream().map(NDArray::toFloatArray).toList();
            TrainingStep step = new TrainingStep(network, loss, new Sgd(trainable, 0.9f, 0f, true), manager);
            LearningRateSchedule schedule = LearningRateSchedule.warmUpOnly(1e-4, 5);

            double first = Double.NaN;
            double last = Double.NaN;
            for (int i = 0; i < 30; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    TrainingStep.StepResult result = step.run(batch.toNDArrays(scope), (float) schedule.at(i));
                    first = i == 0 ? result.loss() : first;
                    last = result.loss();
                    assertEquals(6, result.components().size());
                }
            }

            int unchanged = 0;
            for (int i = 0; i < trainable.size(); i++) {
                float[] after = trainable.get(i).toFloatArray();
                if (java.util.Arrays.equals(before.get(i), after)) {
                    unchanged++;
                }
            }
            assertEquals(0, unchanged, unchanged + " of " + trainable.size() + " trainable arrays never changed");
            assertTrue(last < 0.5 * first, "loss on a fixed batch went from " + first + " to " + last);
        }
    }

    /**
     * A run of days must not grow: after the first step (which creates optimizer state) a step
     * with every option on leaves the number of live arrays unchanged.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sgd", "adam", "amsgrad", "kendall"})
    void stepsDoNotLeakArrays(String variant) {
        Engine.getInstance().setRandomSeed(3);
        SyntheticPeople.generate(dir, new SyntheticPeople.Options(2, 0, 4, ImageSizeRange.DEFAULT, false),
                SyntheticPeople.Progress.NONE);
        CocoKp cocokp = new CocoKp(CocoKpSettings.forRoot(dir, CocoKpConfig.defaults().withSquareEdge(65).withAugmentation(false), 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork network = NetworkFactory.createInitialized(NetworkConfig.of("shufflenetv2k16"), cocokp.headMetas(), manager);
            LossConfig config = variant.equals("kendall")
                    ? LossConfig.defaults().withAutoTune(LossConfig.AutoTune.KENDALL) : LossConfig.defaults();
            MultiHeadLoss loss = LossFactory.create(network.headMetas(), config, manager);
            HostBatch batch = batch(cocokp, network.headMetas());
            TrainableParameters trainable = TrainableParameters.of(network, loss);
            Optimizer optimizer = switch (variant) {
                case "adam" -> new Adam(trainable.all(), 0.9f, 0.999f, 1e-6f, 1e-5f, false);
                case "amsgrad" -> new Adam(trainable.all(), 0.9f, 0.999f, 1e-6f, 1e-5f, true);
                default -> new Sgd(trainable.all(), 0.9f, 1e-5f, true);
            };
            TrainingStep step = new TrainingStep(network, loss, optimizer, manager);
            GradientClipping clipping = new GradientClipping(trainable.network(), 0.01, 5);
            Ema ema = new Ema(trainable.network(), 0.01);
            int[] live = new int[4];
            for (int i = 0; i < 4; i++) {
                try (NDManager scope = manager.newSubManager()) {
                    step.backward(batch.toNDArrays(scope));
                    clipping.apply(1e-4);
                    optimizer.step(1e-4);
                    ema.update();
                }
                if (i == 0) {
                    ema.start();
                }
                ema.apply();
                ema.restore();
                ema.start();
                live[i] = manager.getManagedArrays().size();
            }
            assertEquals(live[1], live[3], "live arrays after steps 1..4: " + java.util.Arrays.toString(live));
        }
    }
}
