package io.refinery.engine.modeling;

import java.util.HashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.springframework.stereotype.Component;

/**
 * Expressions in deployed processes see process variables only, never the application's Spring beans (a second line
 * behind {@link ModelPolicy}: {@code ${dataSource}} or {@code ${anyBean.method()}} resolve to nothing, whoever
 * deployed the process). The platform's steps are external tasks and its listeners use {@code execution} and
 * {@code task}, none of them a bean. With an empty bean map Camunda's Spring expression manager resolves names from
 * that map instead of the application context; scripts (admins only) get no bean resolver either.
 */
@Component
class NoBeansInExpressions extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the Spring factory has already built a bean-resolving expression manager: replace it with Camunda's own
        configuration.setBeans(new HashMap<>());
        configuration.setExpressionManager(new JuelExpressionManager(configuration.getBeans()));
    }
}
