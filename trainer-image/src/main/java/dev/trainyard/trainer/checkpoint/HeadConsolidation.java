package dev.trainyard.trainer.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.HeadMeta;
import dev.trainyard.trainer.network.CompositeHead;
import dev.trainyard.trainer.network.NetworkFactory;
import dev.trainyard.trainer.network.PoseNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a refined network's heads relate to the checkpoint's ({@code --head-consolidation}, as the
 * reference's): the backbone always comes from the checkpoint.
 */
public enum HeadConsolidation {
    /** Heads of the datasets being trained, taken from the checkpoint where it has one of that name; new ones initialised. */
    FILTER_AND_EXTEND,
    /** Fresh heads for the datasets being trained. */
    CREATE,
    /** The checkpoint's heads unchanged; they must be the datasets' heads. */
    KEEP;

    /** Parses {@code filter_and_extend}, {@code create} or {@code keep}. */
    public static HeadConsolidation parse(String value) {
        for (HeadConsolidation c : values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(value)) {
                return c;
            }
        }
        throw new BadInputException("--head-consolidation must be one of filter_and_extend, create, keep; got "
                + value);
    }

    /**
     * The network to refine: the checkpoint's backbone with heads for {@code datasetHeads}. The
     * checkpoint's network is consumed (its arrays are released when not reused).
     */
    public PoseNetwork apply(Checkpoint checkpoint, List<HeadMeta> datasetHeads, NDManager manager) {
        PoseNetwork old = checkpoint.network();
        if (this == KEEP) {
            List<String> have = old.headMetas().stream().map(HeadMeta::fullName).toList();
            List<String> want = datasetHeads.stream().map(HeadMeta::fullName).toList();
            if (!have.equals(want)) {
                throw new BadInputException("--head-consolidation keep: checkpoint " + checkpoint.file() + " has heads "
                        + have + " but the datasets train " + want);
            }
            return old;
        }
        List<HeadMeta> heads = new ArrayList<>(datasetHeads.size());
        List<CompositeHead> sources = new ArrayList<>(datasetHeads.size());
        for (HeadMeta wanted : datasetHeads) {
            CompositeHead match = null;
            if (this == FILTER_AND_EXTEND) {
                for (CompositeHead head : old.heads()) {
                    if (head.meta().fullName().equals(wanted.fullName())) {
                        match = head;
                    }
                }
            }
            // A kept head keeps its own descriptor (its upsampling decides its output channels).
            heads.add(match != null ? match.meta() : wanted);
            sources.add(match);
        }
        PoseNetwork fresh = NetworkFactory.create(checkpoint.meta().network(), heads);
        try {
            copy(old.backbone(), fresh.backbone(), manager);
            for (int i = 0; i < heads.size(); i++) {
                if (sources.get(i) != null) {
                    copy(sources.get(i), fresh.heads().get(i), manager);
                }
            }
            fresh.initialize(manager, DataType.FLOAT32, NetworkFactory.INITIALIZATION_SHAPE);
        } finally {
            old.clear();
        }
        return fresh;
    }

    private static void copy(Block from, Block to, NDManager manager) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            from.saveParameters(new DataOutputStream(bytes));
            to.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("copying weights between identical blocks failed", e);
        }
    }
}
