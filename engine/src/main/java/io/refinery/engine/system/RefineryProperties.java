package io.refinery.engine.system;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code refinery.*}.
 *
 * @param dataDir          where the H2 file, blobs and releases live
 * @param demoUsers        create the documented demo users at start-up when they are missing
 * @param authCacheSeconds how long a verified password is remembered (workers authenticate on every request)
 * @param uploadMaxBytes   largest accepted upload or NDJSON stream
 */
@ConfigurationProperties("refinery")
public record RefineryProperties(Path dataDir, boolean demoUsers, int authCacheSeconds, long uploadMaxBytes) {

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }

    public Path releaseDir() {
        return dataDir.resolve("releases");
    }
}
