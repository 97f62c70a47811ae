package dev.trainyard.trainer.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.NetworkOptions;
import dev.trainyard.trainer.network.NetworkSummary;
import dev.trainyard.trainer.network.PoseNetwork;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trainyard network}: builds a network from the basenet and dataset flags and prints its
 * parameter counts and output shapes, optionally with a forward-pass benchmark.
 */
@Command(
        name = "network",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Print a network's parameters per backbone and head and the shapes of its outputs.")
public final class NetworkCommand implements Callable<Integer> {

    /** Base stride the head descriptors are created with; the network replaces it with its backbone's. */
    private static final int NOMINAL_BASE_STRIDE = 16;

    enum Dataset {
        cocokp,
        cocodet
    }

    @Mixin
    NetworkOptions network;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Dataset whose heads to attach: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Dataset dataset = Dataset.cocokp;

    @Option(names = "--cocokp-upsample", paramLabel = "U",
            description = "Head upsampling for cocokp. Default: ${DEFAULT-VALUE}.")
    int cocokpUpsample = 1;

    @Option(names = "--cocokp-with-dense", description = "Add the dense-connection head caf25.")
    boolean cocokpWithDense;

    @Option(names = "--cocodet-upsample", paramLabel = "U",
            description = "Head upsampling for cocodet. Default: ${DEFAULT-VALUE}.")
    int cocodetUpsample = 1;

    @Option(names = "--square-edge", paramLabel = "PIXELS",
            description = "Input edge for the output shapes. Default: ${DEFAULT-VALUE}.")
    int squareEdge = 385;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Batch size of the input. Default: ${DEFAULT-VALUE}.")
    int batchSize = 1;

    @Option(names = "--benchmark-forward", paramLabel = "RUNS",
            description = "Also time this many inference forward passes (after one warm-up) and print the median.")
    int benchmarkRuns;

    @Option(names = "--json", description = "Print machine-readable JSON instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (squareEdge < 1 || batchSize < 1 || benchmarkRuns < 0) {
            throw new BadInputException(
                    "--square-edge and --batch-size must be positive, --benchmark-forward not negative");
        }
        Shape input = new Shape(batchSize, 3, squareEdge, squareEdge);
        try (NDManager manager = NDManager.newBaseManager()) {
            PoseNetwork net = NetworkFactory.createInitialized(network.toConfig(), heads(), manager);
            NetworkSummary summary = NetworkSummary.of(net, input);
            Double forwardMillis = benchmarkRuns > 0 ? medianForwardMillis(net, input, manager) : null;
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? toJson(summary, forwardMillis) : toTable(summary, forwardMillis));
            out.flush();
        }
        return 0;
    }

    private List<HeadMeta> heads() {
        int upsample = dataset == Dataset.cocokp ? cocokpUpsample : cocodetUpsample;
        if (upsample < 1 || NOMINAL_BASE_STRIDE % upsample != 0) {
            throw new BadInputException("--" + dataset + "-upsample must be 1, 2, 4, 8 or 16, got " + upsample);
        }
        return switch (dataset) {
            case cocokp -> CocoHeads.keypoints(NOMINAL_BASE_STRIDE, upsample, cocokpWithDense);
            case cocodet -> CocoHeads.detection(NOMINAL_BASE_STRIDE, upsample);
        };
    }

    private double medianForwardMillis(PoseNetwork net, Shape input, NDManager manager) {
        double[] millis = new double[benchmarkRuns];
        for (int run = -1; run < benchmarkRuns; run++) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = scope.randomNormal(input);
                long start = System.nanoTime();
                net.forward(new ParameterStore(scope, false), new NDList(x), false);
                if (run >= 0) {
                    millis[run] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(millis);
        return millis[millis.length / 2];
    }

    static String toTable(NetworkSummary summary, Double forwardMillis) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s: stride %d, %d output features, input %s%n",
                summary.basenet(), summary.stride(), summary.outFeatures(), summary.inputShape()));
        String row = "%-14s %12s  %s%n";
        text.append(String.format(Locale.ROOT, row, "component", "parameters", "output shape"));
        text.append(String.format(Locale.ROOT, row, "backbone", count(summary.backbone().parameters()),
                summary.backbone().outputShape()));
        for (NetworkSummary.Component head : summary.heads()) {
            text.append(String.format(Locale.ROOT, row, head.name(), count(head.parameters()), head.outputShape()));
        }
        text.append(String.format(Locale.ROOT, "%-14s %12s%n", "total", count(summary.totalParameters())));
        if (forwardMillis != null) {
            text.append(String.format(Locale.ROOT, "forward (inference): %.1f ms median%n", forwardMillis));
        }
        return text.toString();
    }

    static String toJson(NetworkSummary summary, Double forwardMillis) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.valueToTree(summary);
        if (forwardMillis != null) {
            node.put("forwardMedianMillis", forwardMillis);
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node) + System.lineSeparator();
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
