package dev.trainyard.trainer.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.data.Sample;
import dev.trainyard.trainer.encoder.CifDetEncoder;
import dev.trainyard.trainer.encoder.FieldTargets;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodersTest {

    private static final List<HeadMeta> KEYPOINTS = CocoHeads.keypoints(16, 1, false);
    private static final List<HeadMeta> DENSE = CocoHeads.keypoints(16, 1, true);
    /** A network trained on cocokp and cocodet: cif, caf, cifdet. */
    private static final List<HeadMeta> BOTH = concat(KEYPOINTS, CocoHeads.detection(16, 1));

    private static Decoder create(List<HeadMeta> heads, String... args) {
        return Decoders.create(DecoderOptionsTest.parse(args), heads);
    }

    private static String rejected(List<HeadMeta> heads, String... args) {
        return assertThrows(BadInputException.class, () -> create(heads, args)).getMessage();
    }

    @Test
    void withoutARequestTheFirstCandidateWinsAndKeypointsBeatDetection() {
        Decoder decoder = create(BOTH);
        assertInstanceOf(CifCafDecoder.class, decoder);
        assertEquals("cifcaf:0 (cocokp.cif + cocokp.caf)", decoder.describe());
        assertEquals(List.of(0, 1), decoder.headIndices());
        assertEquals(List.of(0), create(CocoHeads.detection(16, 1)).headIndices());
    }

    @Test
    void requestsPickDecodersByNameAndIndex() {
        Decoder det = create(BOTH, "--decoder", "cifdet:0");
        assertEquals("cifdet:0 (cocodet.cifdet)", det.describe());
        assertEquals(List.of(2), det.headIndices());

        Decoder both = create(BOTH, "--decoder", "cifdet,cifcaf");
        MultiDecoder multi = assertInstanceOf(MultiDecoder.class, both);
        assertEquals("cifcaf:0 (cocokp.cif + cocokp.caf), cifdet:0 (cocodet.cifdet)", multi.describe(),
                "by the reference's priority, keypoints first");
        assertEquals(List.of(0, 1, 2), multi.headIndices());
        assertInstanceOf(CifCafDecoder.class, create(BOTH, "--decoder", "cifcaf", "cifcaf:0"), "each decoder once");
    }

    @Test
    void denseConnectionsAddTheDenseHead() {
        assertEquals(List.of(0, 1), create(DENSE).headIndices(), "without the flag the dense head is unused");
        Decoder dense = create(DENSE, "--dense-connections");
        assertEquals("cifcaf:0 (cocokp.cif + cocokp.caf + cocokp.caf25)", dense.describe());
        assertEquals(List.of(0, 1, 2), dense.headIndices());
    }

    @Test
    void requestsTheHeadsCannotServeAreRejected() {
        assertEquals("--decoder cifcaf:1: there is only 1 cifcaf candidate: cifcaf:0 (cocokp.cif + cocokp.caf)",
                rejected(BOTH, "--decoder", "cifcaf:1"));
        assertEquals("--decoder cifdet: the network's heads [cocokp.cif, cocokp.caf] have no cifdet candidate "
                + "(it needs a cifdet head)", rejected(KEYPOINTS, "--decoder", "cifdet"));
        assertEquals("no decoder for the network's heads [cocokp.cif, cocokp.caf]: cifcaf needs a cif head followed "
                + "by a caf and a dense caf head (--dense-connections) of the same dataset, cifdet a cifdet head",
                rejected(KEYPOINTS, "--dense-connections"));
        assertEquals("no decoder for the network's heads [cocokp.caf]: cifcaf needs a cif head followed by a caf head "
                + "of the same dataset, cifdet a cifdet head", rejected(KEYPOINTS.subList(1, 2)));
    }

    @Test
    void aMultiDecoderReturnsPosesAndBoxes(@TempDir Path dir) {
        Sample sample = SyntheticFields.evalSamples(dir, 1, 2).getFirst();
        SyntheticFields.Image image = SyntheticFields.encode(sample, KEYPOINTS);
        List<FieldTargets> targets = new ArrayList<>(image.targets());
        targets.add(new CifDetEncoder((CifDetMeta) BOTH.get(2), CifDetEncoder.DEFAULT_BMIN).encode(sample));

        Predictions predictions = create(BOTH, "--decoder", "cifcaf", "cifdet").decode(Fields.ofTargets(targets));
        assertFalse(predictions.poses().isEmpty());
        assertFalse(predictions.detections().isEmpty());
    }

    private static List<HeadMeta> concat(List<HeadMeta> a, List<HeadMeta> b) {
        List<HeadMeta> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
