package io.refinery.designer;

import io.refinery.engine.HeadlessEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.PropertySource;

/**
 * The full platform in one process: the engine (Camunda, dataset domain, {@code /api}, {@code /engine-rest})
 * plus the Vaadin UI. The engine's own application class {@link HeadlessEngine} stays out: it would bring a
 * second, catch-all HTTP Basic security chain.
 *
 * <p>Configuration: the engine's {@code application.yaml} (in its jar) is the one and only {@code application.yaml};
 * the designer adds its few UI keys from {@code refinery-designer.properties}, which ranks below it and below
 * environment variables, and never shadows it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"io.refinery.designer", "io.refinery.engine"}, excludeFilters = {
        @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = HeadlessEngine.class)})
@PropertySource("classpath:refinery-designer.properties")
public class RefineryApplication {

    public static void main(String[] args) {
        io.refinery.engine.system.H2Settings.apply();
        SpringApplication.run(RefineryApplication.class, args);
    }
}
