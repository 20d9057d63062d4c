package io.refinery.engine.modeling;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.RefineryProperties;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The designer's drafts: BPMN or DMN files being edited, stored in our own table after the same safe reading as any
 * file from outside ({@link SafeModelReader}); deleting one keeps it with who and when. Saving and deleting are for
 * managers and admins only, checked here whatever the caller (REST or UI).
 */
@Service
public class ModelDrafts {
    private final SafeModelReader reader;
    private final DraftRepository drafts;
    private final Clock clock = Clock.systemUTC();

    public ModelDrafts(RefineryProperties settings, DraftRepository drafts) {
        this.reader = new SafeModelReader(settings.models().maxBytes());
        this.drafts = drafts;
    }

    /** Stores a new draft ({@code id} null) or a new text of draft {@code id}; its kind must match its XML. */
    @Transactional
    public Draft saveDraft(String id, String name, ModelKind kind, String xml, CurrentUser user) {
        ProcessModels.requireModeler(user, "save drafts");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ApiException.badRequest("a draft needs a name of 1 to 200 characters");
        }
        SafeModelReader.Parsed parsed = reader.read(fileNameOf(name, kind), xml);
        if (kind != null && parsed.kind() != kind) {
            throw ApiException.badRequest("draft '" + name + "' was declared " + kind + " but its XML is "
                    + parsed.kind());
        }
        Draft draft = new Draft(id == null ? UUID.randomUUID().toString() : id, name.strip(), parsed.kind(),
                parsed.key(), parsed.xml(), user.id(), clock.instant());
        if (id == null) {
            drafts.insert(draft);
        } else if (!drafts.update(draft)) {
            throw ApiException.notFound("draft " + id);
        }
        return draft;
    }

    @Transactional(readOnly = true)
    public List<DraftSummary> drafts() {
        return drafts.list();
    }

    @Transactional(readOnly = true)
    public Draft draft(String id) {
        return drafts.find(id).orElseThrow(() -> ApiException.notFound("draft " + id));
    }

    /** Marks the draft deleted (kept with who and when); 404 when there is no such live draft. */
    @Transactional
    public void deleteDraft(String id, CurrentUser user) {
        ProcessModels.requireModeler(user, "delete drafts");
        if (!drafts.markDeleted(id, user.id(), clock.instant())) {
            throw ApiException.notFound("draft " + id);
        }
    }

    private static String fileNameOf(String name, ModelKind kind) {
        String safe = name.strip().replaceAll("[/\\\\\\p{Cntrl}]", "_");
        return safe + (kind == null ? "" : kind.extension());
    }
}
