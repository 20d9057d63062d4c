package io.refinery.designer.labeling.image;

import io.refinery.designer.labeling.LabelingComponentFactory;
import io.refinery.designer.labeling.LabelingComponents;
import io.refinery.workflows.answers.AnnotationValues;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The image task types in the work package view: classification and bounding boxes on the item's picture. */
@Configuration
class ImageLabelingComponents {

    @Bean
    static LabelingComponentFactory imageClassification(ItemImages images) {
        return LabelingComponents.factory(Set.of(AnnotationValues.IMAGE_CLASSIFICATION),
                (type, labels) -> new ImageClassificationComponent(labels, images));
    }

    @Bean
    static LabelingComponentFactory imageBoxes(ItemImages images) {
        return LabelingComponents.factory(Set.of(AnnotationValues.IMAGE_BBOX),
                (type, labels) -> new BoundingBoxComponent(labels, images));
    }
}
