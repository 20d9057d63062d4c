package io.refinery.engine.release;

import java.util.Collection;
import java.util.Comparator;

/**
 * A release label {@code <major>.<minor>}: a dataset's first release is 1.0, then 1.1, 1.2, ...; when a manager has
 * set the dataset's next major (e.g. 2) above the latest release's, the next release is {@code 2.0}.
 */
public record VersionLabel(int major, int minor) implements Comparable<VersionLabel> {
    private static final Comparator<VersionLabel> ORDER =
            Comparator.comparingInt(VersionLabel::major).thenComparingInt(VersionLabel::minor);

    /** {@code "1.2"}; IllegalArgumentException naming the text otherwise. */
    public static VersionLabel parse(String text) {
        if (text == null || !text.matches("\\d{1,6}\\.\\d{1,6}")) {
            throw new IllegalArgumentException("'" + text + "' is not a release label like 1.0 or 2.3");
        }
        int dot = text.indexOf('.');
        return new VersionLabel(Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
    }

    /** The label after every one of {@code existing}, honouring a manager's {@code nextMajor} (null = none). */
    public static VersionLabel next(Collection<String> existing, Integer nextMajor) {
        VersionLabel latest = existing.stream().map(VersionLabel::parse).max(ORDER).orElse(null);
        if (latest == null) {
            return new VersionLabel(nextMajor == null ? 1 : Math.max(1, nextMajor), 0);
        }
        if (nextMajor != null && nextMajor > latest.major()) {
            return new VersionLabel(nextMajor, 0);
        }
        return new VersionLabel(latest.major(), latest.minor() + 1);
    }

    @Override
    public int compareTo(VersionLabel other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
