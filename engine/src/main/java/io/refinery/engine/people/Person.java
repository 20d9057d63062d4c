package io.refinery.engine.people;

import java.util.List;

/**
 * A user as the administrators see it: names, email, the role groups it is in with the role each gives, and whether
 * it may sign in.
 */
public record Person(String id, String firstName, String lastName, String email, List<Membership> groups,
                     boolean active) {

    /** Membership of a role group, e.g. {@code annotators} gives {@code ANNOTATOR}. */
    public record Membership(String id, String role) {
    }

    public List<String> groupIds() {
        return groups.stream().map(Membership::id).toList();
    }

    public List<String> roles() {
        return groups.stream().map(Membership::role).distinct().toList();
    }

    /** "Anna Annotator 李", or the id when the user has no names. */
    public String name() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return name.isEmpty() ? id : name;
    }
}
