package io.refinery.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.refinery.workflows.api.WorkerApi;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The engine serves every path of the worker contract ({@link WorkerApi#ENDPOINTS}) with its method: a controller
 * mapping that drifts from the contract fails here, not in a worker at run time.
 */
@SpringBootTest(classes = HeadlessEngine.class,
        properties = {"refinery.data-dir=target/test-data/worker-api",
                "spring.datasource.url=jdbc:h2:mem:workerapi;DB_CLOSE_DELAY=-1"})
class WorkerApiContractTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyWorkerEndpointIsServed() {
        Set<WorkerApi.Endpoint> served = new HashSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<String> paths = info.getPatternValues();
            info.getMethodsCondition().getMethods().forEach(method -> paths.forEach(path ->
                    served.add(new WorkerApi.Endpoint(method.name(), path))));
        });
        assertThat(served).containsAll(WorkerApi.ENDPOINTS);
    }

    @Test
    void buildersFillTheTemplates() {
        assertThat(WorkerApi.items(7)).isEqualTo("/api/versions/7/items");
        assertThat(WorkerApi.planRound(7, 2)).isEqualTo("/api/versions/7/rounds/2/plan");
        assertThat(WorkerApi.sourceContent(7, 3)).isEqualTo("/api/versions/7/sources/3/content");
        assertThat(WorkerApi.driftResult("p-1")).isEqualTo("/api/drift-results/p-1");
    }
}
