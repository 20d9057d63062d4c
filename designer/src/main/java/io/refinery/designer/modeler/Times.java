package io.refinery.designer.modeler;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Instants as the inbox shows them: {@code yyyy-MM-dd HH:mm} in the server's zone; empty for none. */
public final class Times {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Times() {
    }

    public static String format(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
