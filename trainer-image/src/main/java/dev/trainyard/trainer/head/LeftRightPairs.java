package dev.trainyard.trainer.head;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Derives the keypoint pairs a horizontal flip swaps from keypoint names, for datasets that bring
 * their own skeleton: {@code left_paw} pairs with {@code right_paw}, {@code L_Eye} with {@code R_Eye}.
 *
 * <p>The rule is deliberately plain: a name starting with {@code left_} or {@code l_} pairs with
 * the name that is the same after {@code right_} or {@code r_} (and the other way round), ignoring
 * case. A name without such a partner, e.g. {@code nose} or a {@code left_x} whose {@code right_x}
 * is missing, maps to itself. Other conventions ({@code leftEye}, {@code eye_left}) are not
 * recognised.
 */
public final class LeftRightPairs {

    private static final List<String[]> PREFIXES = List.of(
            new String[] {"left_", "right_"}, new String[] {"right_", "left_"},
            new String[] {"l_", "r_"}, new String[] {"r_", "l_"});

    private LeftRightPairs() {}

    /**
     * The swap map for {@link CocoConstants#hflipPermutation}: each paired name to its partner,
     * in keypoint order; unpaired names are absent.
     */
    public static Map<String, String> of(List<String> keypoints) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String name : keypoints) {
            byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String name : keypoints) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String[] prefix : PREFIXES) {
                if (lower.startsWith(prefix[0])) {
                    String partner = byLowerCase.get(prefix[1] + lower.substring(prefix[0].length()));
                    if (partner != null) {
                        pairs.put(name, partner);
                        break;
                    }
                }
            }
        }
        return pairs;
    }
}
