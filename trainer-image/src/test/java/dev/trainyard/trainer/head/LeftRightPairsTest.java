package dev.trainyard.trainer.head;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeftRightPairsTest {

    @Test
    void leftAndRightPrefixesPairUp() {
        List<String> names = List.of("nose", "left_eye", "right_eye", "L_Paw", "R_Paw", "left_tail");
        Map<String, String> pairs = LeftRightPairs.of(names);

        assertEquals(Map.of("left_eye", "right_eye", "right_eye", "left_eye", "L_Paw", "R_Paw", "R_Paw", "L_Paw"), pairs);
        assertArrayEquals(new int[] {0, 2, 1, 4, 3, 5}, CocoConstants.hflipPermutation(names, pairs));
    }

    @Test
    void theCocoPersonNamesGiveTheCocoFlip() {
        assertEquals(CocoConstants.HFLIP, LeftRightPairs.of(CocoConstants.KEYPOINTS));
    }

    @Test
    void otherConventionsAreLeftAlone() {
        assertEquals(Map.of(), LeftRightPairs.of(List.of("leftEye", "rightEye", "eye_left", "eye_right", "l", "r")));
    }
}
