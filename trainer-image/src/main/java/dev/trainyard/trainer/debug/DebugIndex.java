package dev.trainyard.trainer.debug;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One field selected for debug images ({@code --debug-indices cif:5}).
 *
 * @param head the head's name ({@code cif}), or its full name with the dataset ({@code cocokp.cif})
 *     to pick one of several heads of the same name
 * @param field zero-based field index: keypoint for cif, connection for caf, category for cifdet
 */
public record DebugIndex(String head, int field) {

    private static final String FLAG = "--debug-indices";

    /** Whether this index selects fields of {@code meta}. */
    public boolean selects(HeadMeta meta) {
        return names(head, meta);
    }

    private static boolean names(String head, HeadMeta meta) {
        return head.equals(meta.name()) || head.equals(meta.fullName());
    }

    /** Indices of the heads in {@code heads} that some of {@code indices} select, ascending. */
    public static List<Integer> headIndices(List<DebugIndex> indices, List<HeadMeta> heads) {
        List<Integer> selected = new ArrayList<>();
        for (int h = 0; h < heads.size(); h++) {
            HeadMeta meta = heads.get(h);
            if (indices.stream().anyMatch(index -> index.selects(meta))) {
                selected.add(h);
            }
        }
        return selected;
    }

    /**
     * Parses specs {@code [dataset.]head:field[,field...]}, as the reference's
     * {@code --debug-indices}, against the heads being trained; duplicates are dropped, order kept.
     *
     * @throws BadInputException naming the spec when it is malformed, names an unknown head or a
     *     field the head does not have
     */
    public static List<DebugIndex> parse(List<String> specs, List<HeadMeta> heads) {
        Set<DebugIndex> indices = new LinkedHashSet<>();
        for (String spec : specs) {
            indices.addAll(parseOne(spec, heads));
        }
        return List.copyOf(indices);
    }

    private static List<DebugIndex> parseOne(String spec, List<HeadMeta> heads) {
        String[] parts = spec.strip().split(":", -1);
        if (parts.length == 3) {
            throw bad(spec, "the reference's plot type suffix (:" + parts[2]
                    + ") is not supported; each image shows confidence, vectors and scales");
        }
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw bad(spec, "expected head:field, e.g. cif:5 or cocokp.caf:3");
        }
        String head = parts[0];
        List<HeadMeta> matching = heads.stream()
                .filter(meta -> names(head, meta))
                .toList();
        if (matching.isEmpty()) {
            throw bad(spec, "unknown head " + head + ", known heads: " + knownHeads(heads, head.contains(".")));
        }
        List<DebugIndex> parsed = new ArrayList<>();
        for (String number : parts[1].split(",", -1)) {
            int field = parseField(spec, number.strip());
            for (HeadMeta meta : matching) {
                if (field >= meta.nFields()) {
                    throw bad(spec, "field " + field + " out of range, " + meta.fullName() + " has fields 0.."
                            + (meta.nFields() - 1));
                }
            }
            parsed.add(new DebugIndex(head, field));
        }
        return parsed;
    }

    private static int parseField(String spec, String number) {
        int field;
        try {
            field = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw bad(spec, "field index \"" + number + "\" is not a number");
        }
        if (field < 0) {
            throw bad(spec, "field index must be >= 0, got " + field);
        }
        return field;
    }

    private static String knownHeads(List<HeadMeta> heads, boolean fullNames) {
        List<String> names = heads.stream().map(meta -> fullNames ? meta.fullName() : meta.name()).distinct().toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static BadInputException bad(String spec, String problem) {
        return new BadInputException(FLAG + " \"" + spec + "\": " + problem);
    }
}
