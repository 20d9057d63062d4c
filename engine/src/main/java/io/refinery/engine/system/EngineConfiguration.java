package io.refinery.engine.system;

import java.io.IOException;
import java.nio.file.Files;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine's own beans. */
@Configuration
@EnableConfigurationProperties(RefineryProperties.class)
public class EngineConfiguration {

    @Bean
    BlobStore blobStore(RefineryProperties properties) throws IOException {
        Files.createDirectories(properties.blobDir());
        Files.createDirectories(properties.releaseDir());
        return new BlobStore(properties.blobDir());
    }
}
