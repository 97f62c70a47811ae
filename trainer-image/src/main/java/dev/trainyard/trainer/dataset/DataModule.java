package dev.trainyard.trainer.dataset;

import dev.trainyard.trainer.data.BatchLoader;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.List;

/**
 * A dataset the trainer can learn from (the reference's {@code DataModule}): the heads it trains
 * and its train/val loaders. {@code --dataset a-b} trains on several modules at once; each batch
 * then comes from one module and only that module's heads get a loss.
 */
public interface DataModule {

    /** The backbone stride head descriptors are declared at; networks set their own. */
    int NOMINAL_BASE_STRIDE = 16;

    /** The name given to {@code --dataset}, e.g. {@code cocokp}; no {@code -} (it separates modules). */
    String name();

    /**
     * The module's head descriptors at the nominal backbone stride 16; the network built with them
     * sets its backbone's actual stride ({@code PoseNetwork.headMetas()}).
     */
    List<HeadMeta> headMetas();

    /**
     * The training loader: augmented (unless the module's no-augmentation flag is set), encoded for
     * {@code heads}, incomplete last batch dropped.
     *
     * @param heads this module's heads as the network has them (actual strides), in module order
     */
    BatchLoader<EncodedSample, HostBatch> trainLoader(List<HeadMeta> heads, LoaderSettings settings);

    /** The validation loader: the same preprocessing as training, on the validation images. */
    BatchLoader<EncodedSample, HostBatch> valLoader(List<HeadMeta> heads, LoaderSettings settings);

    /** The input edge of a training crop (for output names and messages). */
    int squareEdge();

    /**
     * The evaluation images and ground truth (the reference's {@code eval_loader} and metric).
     *
     * @throws dev.trainyard.trainer.BadInputException for a module that cannot be evaluated
     */
    default EvalSet evalSet(EvalSettings settings) {
        throw new dev.trainyard.trainer.BadInputException("dataset " + name() + " has no evaluation");
    }

    /**
     * What {@link #evalSet} evaluates when it is not the default split, for output names (e.g.
     * {@code -test-dev2017}); empty for the default.
     */
    default String evalVariant() {
        return "";
    }
}
