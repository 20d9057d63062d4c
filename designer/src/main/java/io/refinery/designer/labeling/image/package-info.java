/**
 * Image labelling components: {@link io.refinery.designer.labeling.image.BoundingBoxEditor} (boxes over
 * Annotorious), {@link io.refinery.designer.labeling.image.ImageClassificationEditor}, the read-only
 * {@link io.refinery.designer.labeling.image.BoxesView} for expert review, {@link
 * io.refinery.designer.labeling.image.BoxMatching} (IoU matching of two annotators' boxes) and a demo route.
 * Self-contained: they know nothing of work packages or the engine; the labelling views plug them in by task type.
 */
package io.refinery.designer.labeling.image;
