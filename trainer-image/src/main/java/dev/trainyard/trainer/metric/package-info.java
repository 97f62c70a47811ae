/**
 * COCO evaluation: keypoint (OKS) and box (IoU) average precision and recall with the exact
 * semantics of pycocotools' {@code COCOeval} as OpenPifPaf runs it (semantics section 7), the
 * results-file reader and writer, and {@link dev.trainyard.trainer.metric.ResultsScoring} for the
 * {@code eval} command. It scores any results file and needs nothing from the decoder.
 *
 * <p>Every place where the numbers could differ from the official tool is listed in the Javadoc of
 * {@link dev.trainyard.trainer.metric.CocoEvaluator}.
 */
package dev.trainyard.trainer.metric;
