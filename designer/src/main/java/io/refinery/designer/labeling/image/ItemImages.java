package io.refinery.designer.labeling.image;

import com.vaadin.flow.server.StreamResource;
import io.refinery.engine.dataset.Media;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The picture of an image item as a resource of the UI session. Only the views that already checked that the user
 * may see the item (their package, their review) ask for it, so the resource is as private as the item.
 */
@Component
public class ItemImages {
    private final Media media;

    public ItemImages(Media media) {
        this.media = media;
    }

    @SuppressWarnings("removal") // StreamResource: the components take any AbstractStreamResource
    public Optional<StreamResource> of(long itemId) {
        return media.imageOfItem(itemId).map(image -> {
            StreamResource resource = new StreamResource(image.name(), () -> {
                try {
                    return media.open(image);
                } catch (IOException e) {
                    throw new UncheckedIOException("image " + image.name() + " of version " + image.versionId(), e);
                }
            });
            resource.setContentType(image.contentType());
            resource.setCacheTime(24 * 3600_000L);
            return resource;
        });
    }
}
