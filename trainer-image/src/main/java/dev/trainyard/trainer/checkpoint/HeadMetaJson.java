package dev.trainyard.trainer.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.HeadMeta;

/** Head descriptors as JSON objects: the record's components plus a {@code type} (cif, caf, cifdet). */
final class HeadMetaJson {

    private HeadMetaJson() {}

    static ObjectNode write(ObjectMapper mapper, HeadMeta meta) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", type(meta));
        node.setAll((ObjectNode) mapper.valueToTree(meta));
        return node;
    }

    static HeadMeta read(ObjectMapper mapper, ObjectNode node) {
        String type = node.path("type").asText("");
        ObjectNode fields = node.deepCopy();
        fields.remove("type");
        return switch (type) {
            case "cif" -> mapper.convertValue(fields, CifMeta.class);
            case "caf" -> mapper.convertValue(fields, CafMeta.class);
            case "cifdet" -> mapper.convertValue(fields, CifDetMeta.class);
            default -> throw new IllegalArgumentException("unknown head type '" + type + "'");
        };
    }

    private static String type(HeadMeta meta) {
        return switch (meta) {
            case CifMeta m -> "cif";
            case CafMeta m -> "caf";
            case CifDetMeta m -> "cifdet";
        };
    }
}
