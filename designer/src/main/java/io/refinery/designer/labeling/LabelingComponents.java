package io.refinery.designer.labeling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The labelling component for each task type: the text types here, more from any {@link LabelingComponentFactory} bean. */
@Configuration
public class LabelingComponents {
    private final Map<String, LabelingComponentFactory> byTaskType = new HashMap<>();

    LabelingComponents(List<LabelingComponentFactory> factories) {
        for (LabelingComponentFactory f : factories) {
            f.taskTypes().forEach(t -> {
                if (byTaskType.putIfAbsent(t, f) != null) {
                    throw new IllegalStateException("two labelling components for task type " + t);
                }
            });
        }
    }

    public Optional<LabelingComponent> create(String taskType, List<String> labelSet) {
        return Optional.ofNullable(byTaskType.get(taskType)).map(f -> f.create(taskType, labelSet));
    }

    @Bean
    static LabelingComponentFactory textClassification() {
        return factory(Set.of("text-classification", "text-multilabel"),
                (type, labels) -> new ClassificationComponent(labels, "text-multilabel".equals(type)));
    }

    @Bean
    static LabelingComponentFactory namedEntities() {
        return factory(Set.of("ner"), (type, labels) -> new NerComponent(labels));
    }

    @Bean
    static LabelingComponentFactory instructionPairs() {
        return factory(Set.of("instruction"), (type, labels) -> new InstructionComponent());
    }

    /** A factory for these task types that calls {@code create}. */
    public static LabelingComponentFactory factory(Set<String> types,
                                                    java.util.function.BiFunction<String, List<String>, LabelingComponent> create) {
        return new LabelingComponentFactory() {
            @Override
            public Set<String> taskTypes() {
                return types;
            }

            @Override
            public LabelingComponent create(String taskType, List<String> labelSet) {
                return create.apply(taskType, labelSet);
            }
        };
    }
}
