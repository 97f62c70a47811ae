package dev.trainyard.trainer.encoder;

import dev.trainyard.trainer.head.CafMeta;
import dev.trainyard.trainer.head.CifDetMeta;
import dev.trainyard.trainer.head.CifMeta;
import dev.trainyard.trainer.head.HeadMeta;
import java.util.List;

/** Picks the encoder that belongs to a head descriptor. */
public final class FieldEncoders {

    private FieldEncoders() {}

    /** The encoder of one head, configured from {@code config}. */
    public static FieldEncoder forHead(HeadMeta meta, EncoderConfig config) {
        return switch (meta) {
            case CifMeta cif -> new CifEncoder(cif, config.cifSideLength(), config.keypointBmin(), config.suppressSelfHidden());
            case CafMeta caf -> new CafEncoder(caf, config.cafMinSize(), config.keypointBmin(), config.suppressSelfHidden());
            // the reference has no flag for the detection b_min
            case CifDetMeta det -> new CifDetEncoder(det, CifDetEncoder.DEFAULT_BMIN);
        };
    }

    /** One encoder per head, in the order of {@code metas}. */
    public static List<FieldEncoder> forHeads(List<? extends HeadMeta> metas, EncoderConfig config) {
        return metas.stream().map(meta -> forHead(meta, config)).toList();
    }
}
