package dev.trainyard.trainer.loss;

import ai.djl.ndarray.NDManager;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/** Builds the multi-head loss of a network from its head descriptors and the loss configuration. */
public final class LossFactory {

    private LossFactory() {}

    /**
     * Creates the loss for the given heads.
     *
     * @param heads the network's heads, in the order of its outputs
     * @param config the loss settings
     * @param parameterManager owns the learnable parameters of {@code --auto-tune-mtl}; keep it open
     *     for the whole run (unused by the other weightings)
     * @throws BadInputException if {@code --lambdas} or {@code --component-lambdas} has the wrong length
     */
    public static MultiHeadLoss create(List<HeadMeta> heads, LossConfig config, NDManager parameterManager) {
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("a loss needs at least one head");
        }
        List<CompositeLoss> losses = heads.stream().map(meta -> CompositeLoss.of(meta, config)).toList();
        List<String> names = new ArrayList<>();
        List<ComponentKind> kinds = new ArrayList<>();
        for (CompositeLoss loss : losses) {
            for (CompositeLoss.Component component : loss.components()) {
                names.add(component.name());
                kinds.add(component.kind());
            }
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("loss components must have unique names, got " + names);
        }

        double[] lambdas = lambdas(heads, losses, names, config);
        TaskWeighting weighting = switch (config.autoTune()) {
            case NONE -> new FixedWeighting();
            case KENDALL -> new KendallWeighting(kinds, parameterManager);
            case VARIANCE -> new VarianceWeighting(names.size());
        };
        return new MultiHeadLoss(losses, lambdas, weighting);
    }

    private static double[] lambdas(
            List<HeadMeta> heads, List<CompositeLoss> losses, List<String> names, LossConfig config) {
        double[] lambdas = new double[names.size()];
        if (!config.componentLambdas().isEmpty()) {
            if (config.componentLambdas().size() != names.size()) {
                throw new BadInputException("--component-lambdas needs " + names.size()
                        + " values, one per loss component " + names + ", got " + config.componentLambdas().size());
            }
            for (int k = 0; k < lambdas.length; k++) {
                lambdas[k] = config.componentLambdas().get(k);
            }
        } else if (!config.lambdas().isEmpty()) {
            if (config.lambdas().size() != heads.size()) {
                throw new BadInputException("--lambdas needs " + heads.size() + " values, one per head "
                        + heads.stream().map(HeadMeta::fullName).toList() + ", got " + config.lambdas().size());
            }
            int k = 0;
            for (int h = 0; h < heads.size(); h++) {
                for (int c = 0; c < losses.get(h).components().size(); c++) {
                    lambdas[k++] = config.lambdas().get(h);
                }
            }
        } else {
            Arrays.fill(lambdas, 1.0);
        }
        return lambdas;
    }
}
