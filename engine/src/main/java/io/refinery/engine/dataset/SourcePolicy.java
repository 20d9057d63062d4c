package io.refinery.engine.dataset;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.RefineryProperties;
import io.refinery.workflows.sources.FolderRoots;
import io.refinery.workflows.sources.UrlPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.springframework.stereotype.Service;

/**
 * Where a demand's {@code source} may read, as the admin configured it: {@code folder:<path>} only under
 * {@code refinery.sources.folder-roots} (real paths, {@link FolderRoots}), {@code url:<url> ...} only from hosts on
 * {@code refinery.sources.url-allow-list} ({@link UrlPolicy}). The collect worker checks again where it reads.
 */
@Service
public class SourcePolicy {

    /** What workers need to check URL sources themselves ({@code GET /api/sources/policy}). */
    public record WorkerPolicy(java.util.List<String> urlAllowList, long urlMaxBytes) {
    }

    private final RefineryProperties.Sources settings;
    private final UrlPolicy urls;
    private volatile FolderRoots folders;

    public SourcePolicy(RefineryProperties properties) {
        this.settings = properties.sources();
        this.urls = UrlPolicy.of(settings.urlAllowList());
    }

    public WorkerPolicy workerPolicy() {
        return new WorkerPolicy(urls.entries(), settings.urlMaxBytes());
    }

    /** Refuses a source this engine may not let collect read: 400 naming field {@code source} and why. */
    public void check(String source) {
        try {
            if (source.startsWith(FolderRoots.PREFIX)) {
                folders().resolve(source.substring(FolderRoots.PREFIX.length()));
            } else if (UrlPolicy.isUrlSource(source)) {
                for (URI url : UrlPolicy.urls(source)) {
                    urls.check(url);
                }
            }
        } catch (IllegalArgumentException refused) {
            throw ApiException.badRequest("Invalid request: field 'source' " + refused.getMessage());
        }
    }

    private FolderRoots folders() {
        if (folders == null) {
            try {
                folders = new FolderRoots(settings.folderRoots());
            } catch (IOException e) {
                throw new UncheckedIOException("refinery.sources.folder-roots " + settings.folderRoots()
                        + ": a root does not exist", e);
            }
        }
        return folders;
    }
}
