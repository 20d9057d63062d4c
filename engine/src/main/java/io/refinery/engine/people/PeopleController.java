package io.refinery.engine.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.refinery.engine.people.PersonSpec.Details;
import io.refinery.engine.people.PersonSpec.NewPerson;
import io.refinery.engine.people.PersonSpec.Password;
import io.refinery.engine.people.PersonSpec.RoleGroup;
import io.refinery.engine.system.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin}: users and role groups, admins only (also refused by the URL rule and by {@link People}). */
@RestController
@RequestMapping("/api/admin")
@PreAuthorize("hasRole('ADMIN')")
class PeopleController {
    private final People people;

    PeopleController(People people) {
        this.people = people;
    }

    @GetMapping("/users")
    List<Person> list() {
        return people.list();
    }

    @PostMapping("/users")
    ResponseEntity<Person> create(@RequestBody NewPerson spec) {
        return ResponseEntity.status(HttpStatus.CREATED).body(people.create(spec));
    }

    @GetMapping("/users/{id}")
    Person get(@PathVariable String id) {
        return people.get(id);
    }

    @PutMapping("/users/{id}")
    Person update(@PathVariable String id, @RequestBody Details details) {
        return people.update(id, details);
    }

    @DeleteMapping("/users/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        people.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/users/{id}/password")
    ResponseEntity<Void> password(@PathVariable String id, @RequestBody Password password) {
        people.resetPassword(id, password == null ? null : password.password());
        return ResponseEntity.noContent().build();
    }

    /** The full list of role groups: {@code ["annotators"]} or {@code {"groups":["annotators"]}}. */
    @PutMapping("/users/{id}/groups")
    Person groups(@PathVariable String id, @RequestBody JsonNode body) {
        JsonNode list = body != null && body.isObject() ? body.get("groups") : body;
        if (list == null || !list.isArray()) {
            throw ApiException.badRequest("field 'groups' must be a list of group ids");
        }
        List<String> groups = new ArrayList<>();
        list.forEach(g -> groups.add(g.asText()));
        return people.setGroups(id, groups);
    }

    @PostMapping("/users/{id}/disable")
    Person disable(@PathVariable String id) {
        return people.setActive(id, false);
    }

    @PostMapping("/users/{id}/enable")
    Person enable(@PathVariable String id) {
        return people.setActive(id, true);
    }

    @GetMapping("/groups")
    List<RoleGroup> groups() {
        return people.groups();
    }
}
