package dev.trainyard.trainer.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.network.NetworkConfig;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.PoseNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Prints the cifcaf decoding time per image (median) for
 * <ul>
 *   <li>ground-truth fields of synthetic people (eval preprocessing to long edge 641, encoded at
 *       the given stride), overall and for images with at least 4 people;</li>
 *   <li>the fields of an untrained shufflenetv2k16 on a 641x481 image (nothing passes the seed
 *       threshold, but every cell passes the CIF and CAF thresholds);</li>
 *   <li>random low fields: raw outputs drawn from N(0, 0.4²) on a 641x481 grid.</li>
 * </ul>
 * Reference (OpenPifPaf v0.13.11, 2 cores): 4.17 ms for 5 people on 641x481, 15.8 ms for an
 * untrained network. Not a test: run it by hand with JDK 25,
 * <pre>./mvnw -o -q -pl trainer-image test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
 * java -cp "trainer-image/target/classes:trainer-image/target/test-classes:$(cat trainer-image/target/classpath.txt)" \
 *     dev.trainyard.trainer.decoder.DecoderBenchmark [images=40] [stride=16] [repeats=20]</pre>
 * The untrained network sees N(0, 0.5²) noise (its fields hardly depend on the content).
 */
public final class DecoderBenchmark {

    private DecoderBenchmark() {}

    public static void main(String[] args) throws IOException {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int stride = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<HeadMeta> heads = CocoHeads.keypoints(16, 16 / stride, false);
        Decoder decoder = Decoders.create(DecoderConfig.defaults(), heads);

        Path dir = Files.createTempDirectory("decoder-benchmark");
        List<Sample> samples = SyntheticFields.evalSamples(dir, images, 11);
        List<Fields> fields = new ArrayList<>();
        List<Integer> people = new ArrayList<>();
        int poses = 0;
        for (Sample sample : samples) {
            SyntheticFields.Image image = SyntheticFields.encode(sample, heads);
            Fields f = image.fields();
            f.head(0);
            f.head(1);
            fields.add(f);
            people.add(image.people().size());
            poses += decoder.decode(f).poses().size();
        }
        // warm-up, then per image the median over repeats
        for (int r = 0; r < 5; r++) {
            fields.forEach(decoder::decode);
        }
        double[] perImage = new double[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Fields f = fields.get(i);
            perImage[i] = medianMs(() -> decoder.decode(f), repeats);
        }
        List<Double> crowded = new ArrayList<>();
        for (int i = 0; i < perImage.length; i++) {
            if (people.get(i) >= 4) {
                crowded.add(perImage[i]);
            }
        }
        print("ground-truth fields, all images", stride, perImage.length,
                people.stream().mapToInt(Integer::intValue).average().orElse(0), median(perImage), poses);
        print("ground-truth fields, >= 4 people", stride, crowded.size(),
                people.stream().filter(n -> n >= 4).mapToInt(Integer::intValue).average().orElse(0),
                median(crowded.stream().mapToDouble(Double::doubleValue).toArray()), -1);

        untrainedNetwork(heads, decoder, stride, repeats);
        randomFields(heads, decoder, stride, repeats);
    }

    private static void untrainedNetwork(List<HeadMeta> heads, Decoder decoder, int stride, int repeats) {
        try (NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork network = NetworkFactory.createInitialized(NetworkConfig.of("shufflenetv2k16"), heads, manager);
            SplittableRandom random = new SplittableRandom(3);
            float[] pixels = new float[3 * 481 * 641];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) (random.nextGaussian() * 0.5);
            }
            NDArray input = manager.create(pixels, new Shape(1, 3, 481, 641));
            NDList outputs = network.forward(new ParameterStore(manager, false), new NDList(input), false);
            Supplier<Fields> convert = () -> {
                Fields converted = Fields.ofBatch(outputs, network.headMetas(), decoder.headIndices()).getFirst();
                converted.head(0);
                converted.head(1);
                return converted;
            };
            Fields fields = convert.get();
            for (int r = 0; r < 5; r++) {
                convert.get();
            }
            double convertMs = medianMs(convert, repeats);
            int poses = decoder.decode(fields).poses().size();
            for (int r = 0; r < 5; r++) {
                decoder.decode(fields);
            }
            print("untrained shufflenetv2k16 fields", stride, 1, 0, medianMs(() -> decoder.decode(fields), repeats), poses);
            System.out.printf("{\"type\": \"benchmark\", \"case\": \"field conversion of a network output "
                    + "(copy from the NDArray, activations)\", \"stride\": %d, \"median_ms_per_image\": %.2f}%n",
                    stride, convertMs);
        }
    }

    private static void randomFields(List<HeadMeta> heads, Decoder decoder, int stride, int repeats) {
        SplittableRandom random = new SplittableRandom(5);
        List<HeadFields> converted = new ArrayList<>();
        for (HeadMeta meta : heads) {
            int h = meta.fieldSize(481);
            int w = meta.fieldSize(641);
            float[] raw = new float[meta.nFields() * meta.predictionChannels() * h * w];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (float) (random.nextGaussian() * 0.4);
            }
            converted.add(HeadFields.fromRaw(meta, h, w, raw));
        }
        Fields fields = Fields.of(converted);
        int poses = decoder.decode(fields).poses().size();
        for (int r = 0; r < 5; r++) {
            decoder.decode(fields);
        }
        print("random fields N(0, 0.4)", stride, 1, 0, medianMs(() -> decoder.decode(fields), repeats), poses);
    }

    private static double medianMs(Supplier<?> work, int repeats) {
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            work.get();
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        return median(ms);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private static void print(String label, int stride, int images, double people, double medianMs, int poses) {
        System.out.printf("{\"type\": \"benchmark\", \"case\": \"%s\", \"stride\": %d, \"images\": %d, "
                        + "\"people_per_image\": %.1f, \"poses\": %d, \"median_ms_per_image\": %.2f}%n",
                label, stride, images, people, poses, medianMs);
    }
}
