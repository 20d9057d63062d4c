package io.refinery.designer.labeling;

import java.util.List;
import java.util.Set;

/** Creates the labelling component of some task types; every Spring bean of this type is picked up by the registry. */
public interface LabelingComponentFactory {

    Set<String> taskTypes();

    LabelingComponent create(String taskType, List<String> labelSet);
}
