package io.refinery.workers.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a read produced, for assertions. */
final class RecordingSink implements RowSink {

    record Accepted(String source, long line, ObjectNode row) {
    }

    record Quarantined(String source, long line, String reason, String raw) {
    }

    final List<Accepted> accepted = new ArrayList<>();
    final List<Quarantined> quarantined = new ArrayList<>();

    @Override
    public void accepted(String source, long line, ObjectNode row) {
        accepted.add(new Accepted(source, line, row));
    }

    @Override
    public void quarantined(String source, long line, String reason, String raw) {
        quarantined.add(new Quarantined(source, line, reason, raw));
    }

    List<String> reasons() {
        return quarantined.stream().map(q -> q.line() + ": " + q.reason()).toList();
    }
}
