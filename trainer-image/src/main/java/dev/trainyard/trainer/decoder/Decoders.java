package dev.trainyard.trainer.decoder;

import dev.trainyard.trainer.BadInputException;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the decoders a configuration asks for from a network's heads, as the reference's decoder
 * factory: each decoder type lists its candidate head groups, ordered by priority (more fields
 * first, stable); {@code --decoder NAME:INDEX} picks one candidate, {@code NAME} all of a type,
 * and without {@code --decoder} the first candidate of all (cifcaf ranks above cifdet).
 *
 * <p>cifcaf candidates are a CIF head directly followed by a CAF head of the same dataset, and with
 * {@code --dense-connections} by a second (dense) CAF head; cifdet candidates are CifDet heads.
 */
public final class Decoders {

    private Decoders() {}

    /** One possible decoder before it is built. */
    private record Candidate(String type, List<Integer> heads, double priority) {}

    /**
     * @param networkHeads the network's head descriptors, in output order
     * @throws BadInputException when the heads offer no decoder, or a request matches no candidate
     */
    public static Decoder create(DecoderConfig config, List<HeadMeta> networkHeads) {
        List<Candidate> cifcaf = cifcafCandidates(config, networkHeads);
        List<Candidate> cifdet = cifdetCandidates(networkHeads);
        if (config.requests().isEmpty()) {
            List<Candidate> all = new ArrayList<>(cifcaf);
            all.addAll(cifdet);
            if (all.isEmpty()) {
                throw new BadInputException("no decoder for the network's heads " + names(networkHeads) + ": cifcaf needs "
                        + (config.denseConnections() ? "a cif head followed by a caf and a dense caf head "
                        + "(--dense-connections)" : "a cif head followed by a caf head")
                        + " of the same dataset, cifdet a cifdet head");
            }
            all.sort(Comparator.comparingDouble(Candidate::priority).reversed());
            Candidate first = all.getFirst();
            List<Candidate> sameType = first.type().equals(DecoderRequest.CIFCAF) ? cifcaf : cifdet;
            return build(config, networkHeads, first, sameType.indexOf(first));
        }
        // chosen candidates, each once, in the order they are asked for
        Map<Candidate, Integer> chosen = new LinkedHashMap<>();
        for (DecoderRequest request : config.requests()) {
            List<Candidate> candidates = request.name().equals(DecoderRequest.CIFCAF) ? cifcaf : cifdet;
            if (candidates.isEmpty()) {
                throw new BadInputException("--decoder " + request + ": the network's heads " + names(networkHeads)
                        + " have no " + request.name() + " candidate (" + needs(request.name(), config) + ")");
            }
            if (request.index().isEmpty()) {
                for (int i = 0; i < candidates.size(); i++) {
                    chosen.putIfAbsent(candidates.get(i), i);
                }
                continue;
            }
            int index = request.index().getAsInt();
            if (index >= candidates.size()) {
                throw new BadInputException("--decoder " + request + ": there " + (candidates.size() == 1 ? "is" : "are")
                        + " only " + candidates.size() + " " + request.name() + " candidate"
                        + (candidates.size() == 1 ? "" : "s") + ": " + list(candidates, networkHeads));
            }
            chosen.putIfAbsent(candidates.get(index), index);
        }
        // the reference runs several decoders by priority: keypoints before detection
        List<Map.Entry<Candidate, Integer>> ordered = new ArrayList<>(chosen.entrySet());
        ordered.sort(Comparator.comparingDouble((Map.Entry<Candidate, Integer> e) -> e.getKey().priority()).reversed());
        List<Decoder> decoders = ordered.stream().map(e -> build(config, networkHeads, e.getKey(), e.getValue())).toList();
        return decoders.size() == 1 ? decoders.getFirst() : new MultiDecoder(decoders, networkHeads);
    }

    private static List<Candidate> cifcafCandidates(DecoderConfig config, List<HeadMeta> heads) {
        List<Candidate> candidates = new ArrayList<>();
        int groupSize = config.denseConnections() ? 3 : 2;
        for (int i = 0; i + groupSize <= heads.size(); i++) {
            if (!(heads.get(i) instanceof CifMeta cif)) {
                continue;
            }
            List<Integer> group = new ArrayList<>(List.of(i));
            int fields = cif.nFields();
            for (int k = 1; k < groupSize; k++) {
                if (heads.get(i + k) instanceof CafMeta caf && caf.dataset().equals(cif.dataset())
                        && caf.keypoints().size() == cif.nFields()) {
                    group.add(i + k);
                    fields += caf.nFields();
                }
            }
            if (group.size() == groupSize) {
                candidates.add(new Candidate(DecoderRequest.CIFCAF, List.copyOf(group), fields / 1000.0));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::priority).reversed());
        return candidates;
    }

    private static List<Candidate> cifdetCandidates(List<HeadMeta> heads) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            if (heads.get(i) instanceof CifDetMeta det) {
                // the reference ranks detection below keypoints
                candidates.add(new Candidate(DecoderRequest.CIFDET, List.of(i), -1.0 + det.nFields() / 1000.0));
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::priority).reversed());
        return candidates;
    }

    private static Decoder build(DecoderConfig config, List<HeadMeta> heads, Candidate candidate, int requestIndex) {
        List<Integer> group = candidate.heads();
        if (candidate.type().equals(DecoderRequest.CIFDET)) {
            return new CifDetDecoder(config, heads, group.getFirst(), requestIndex);
        }
        int[] cafs = group.subList(1, group.size()).stream().mapToInt(Integer::intValue).toArray();
        return new CifCafDecoder(config, heads, group.getFirst(), cafs, requestIndex);
    }

    private static String needs(String type, DecoderConfig config) {
        if (type.equals(DecoderRequest.CIFDET)) {
            return "it needs a cifdet head";
        }
        return config.denseConnections()
                ? "with --dense-connections it needs a cif head followed by a caf and a dense caf head of the same dataset"
                : "it needs a cif head followed by a caf head of the same dataset";
    }

    private static String list(List<Candidate> candidates, List<HeadMeta> heads) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            items.add(candidates.get(i).type() + ":" + i + " ("
                    + candidates.get(i).heads().stream().map(h -> heads.get(h).fullName()).collect(Collectors.joining(" + "))
                    + ")");
        }
        return String.join(", ", items);
    }

    private static String names(List<HeadMeta> heads) {
        return heads.stream().map(HeadMeta::fullName).collect(Collectors.joining(", ", "[", "]"));
    }
}
