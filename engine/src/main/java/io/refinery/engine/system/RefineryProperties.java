package io.refinery.engine.system;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code refinery.*}.
 *
 * @param dataDir          where the H2 file, blobs and releases live
 * @param demoUsers        create the documented demo users at start-up when they are missing
 * @param authCacheSeconds how long a verified password is remembered (workers authenticate on every request)
 * @param uploadMaxBytes   largest accepted upload or NDJSON stream
 * @param models           the process designer's limits ({@code refinery.models.*})
 * @param adminPassword    password of the first admin {@code admin} on a database without admins; when unset, one is
 *                         generated, logged once and written to {@code <data-dir>/initial-admin-password.txt}
 * @param workerPassword   when set, the account {@code worker} (group workers) exists with this password at every start
 *                         (the launcher gives one to the platform and its workers when there are no demo users)
 * @param sources          where {@code folder:} and {@code url:} sources may read ({@code refinery.sources.*})
 */
@ConfigurationProperties("refinery")
public record RefineryProperties(Path dataDir, boolean demoUsers, int authCacheSeconds, long uploadMaxBytes,
                                 @DefaultValue Models models, String adminPassword, String workerPassword,
                                 @DefaultValue Sources sources) {

    /**
     * What sources beyond uploads may read, set by an admin.
     *
     * @param folderRoots  {@code folder:} sources only under these folders (real paths); none: no folder sources
     * @param urlAllowList {@code url:} sources only from these hosts ({@code host} or {@code *.domain}); none: no URLs
     * @param urlMaxBytes  the most a worker fetches from one URL (default 1 GiB); past it the Collect step fails
     */
    public record Sources(@DefaultValue List<Path> folderRoots, @DefaultValue List<String> urlAllowList,
                          @DefaultValue("1073741824") long urlMaxBytes) {
        public Sources {
            // an unset REFINERY_SOURCE_FOLDER_ROOTS binds as one empty path, which must not mean the working directory
            folderRoots = folderRoots == null ? List.of()
                    : folderRoots.stream().filter(p -> !p.toString().isBlank()).toList();
            urlAllowList = urlAllowList == null ? List.of() : urlAllowList.stream().filter(s -> !s.isBlank()).toList();
        }
    }

    /**
     * Settings of the process designer.
     *
     * @param maxBytes largest BPMN/DMN file accepted (upload, draft, validate, deploy); default 10 MB
     */
    public record Models(@DefaultValue("10485760") long maxBytes) {
    }

    public Path blobDir() {
        return dataDir.resolve("blobs");
    }

    public Path releaseDir() {
        return dataDir.resolve("releases");
    }
}
