package dev.trainyard.trainer.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CocoHeads;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DebugIndexTest {

    private static final List<HeadMeta> COCOKP = CocoHeads.keypoints(16, 1, true);

    @Test
    void specsSelectHeadAndFieldWithOrWithoutDatasetPrefix() {
        List<DebugIndex> indices = DebugIndex.parse(
                List.of("cif:5", "caf:5", "caf25:3", "cocokp.cif:16", " caf:0,18 "), COCOKP);
        assertEquals(List.of(new DebugIndex("cif", 5), new DebugIndex("caf", 5), new DebugIndex("caf25", 3),
                new DebugIndex("cocokp.cif", 16), new DebugIndex("caf", 0), new DebugIndex("caf", 18)), indices);
        assertTrue(indices.get(3).selects(COCOKP.get(0)));
        assertFalse(indices.get(0).selects(COCOKP.get(1)));
    }

    @Test
    void duplicatesAreDroppedInOrder() {
        assertEquals(List.of(new DebugIndex("caf", 2), new DebugIndex("cif", 1)),
                DebugIndex.parse(List.of("caf:2", "cif:1", "caf:2"), COCOKP));
    }

    @Test
    void cifdetHeadIsKnownToADetectionRun() {
        List<HeadMeta> heads = new ArrayList<>(COCOKP);
        heads.addAll(CocoHeads.detection(16, 1));
        assertEquals(List.of(new DebugIndex("cifdet", 0)), DebugIndex.parse(List.of("cifdet:0"), heads));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cif5          | expected head:field",
            "cif:          | expected head:field",
            ":5            | expected head:field",
            "cif:5:confidence | the reference's plot type suffix (:confidence) is not supported",
            "cif:x         | field index \"x\" is not a number",
            "cif:-1        | field index must be >= 0, got -1",
            "pif:5         | unknown head pif, known heads: cif, caf, caf25",
            "cocodet.cif:5 | unknown head cocodet.cif, known heads: cocokp.cif, cocokp.caf, cocokp.caf25",
            "cif:17        | field 17 out of range, cocokp.cif has fields 0..16",
            "caf:3,19      | field 19 out of range, cocokp.caf has fields 0..18",
            "caf25:25      | field 25 out of range, cocokp.caf25 has fields 0..24",
    })
    void badSpecIsOneLineNamingTheSpec(String spec, String problem) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> DebugIndex.parse(List.of("cif:0", spec), COCOKP));
        String expected = "--debug-indices \"" + spec + "\": " + problem;
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
