package io.refinery.engine.people;

import java.util.List;

/** Requests of the administrators' API; each is checked by {@link People}, which names the field it refuses. */
public final class PersonSpec {

    /** {@code POST /api/admin/users}. */
    public record NewPerson(String id, String firstName, String lastName, String email, String password,
                            List<String> groups) {
    }

    /** {@code PUT /api/admin/users/{id}}: names and email. */
    public record Details(String firstName, String lastName, String email) {
    }

    /** {@code PUT /api/admin/users/{id}/password}. */
    public record Password(String password) {
    }

    /** A role group with its role and how many users are in it ({@code GET /api/admin/groups}). */
    public record RoleGroup(String id, String name, String role, long members) {
    }

    private PersonSpec() {
    }
}
