/**
 * Task types and their answer schema, defined once for the engine (which validates an answer when it is saved and
 * compares it with a gold answer or another annotator's), the designer and the QC worker (which counts valid final
 * answers): {@link io.refinery.workflows.answers.AnnotationValues}. Rejections are
 * {@link io.refinery.workflows.answers.AnswerException}s naming the field.
 */
package io.refinery.workflows.answers;
