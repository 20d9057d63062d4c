package io.refinery.engine.people;

import io.refinery.engine.people.PersonSpec.Details;
import io.refinery.engine.people.PersonSpec.NewPerson;
import io.refinery.engine.people.PersonSpec.RoleGroup;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.IdentityAuthenticationProvider;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Groups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The administrators' view of users (Camunda's identity service) and their role groups. Every call needs role ADMIN
 * (checked here, whoever calls: the API and the UI). A change of password, groups or status, and a deletion, evict the
 * authentication cache when it commits: the old password or the old rights stop working at the next request. Nobody
 * deletes or disables themselves, and the last active admin is never deleted, disabled or taken out of admins.
 * Only the role groups ({@link #ROLE_GROUPS}) are managed here; other groups a user may be in are left alone.
 */
@Service
public class People {
    public static final List<String> ROLE_GROUPS =
            List.of(Groups.ADMINS, Groups.MANAGERS, Groups.EXPERTS, Groups.ANNOTATORS, Groups.WORKERS, Groups.CONSUMERS);
    public static final int MIN_PASSWORD = 8;
    /** What Camunda's identity service accepts as a user id (its default resource whitelist), at most 64. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_TEXT = 255;

    private final IdentityService identity;
    private final PeopleRepository repository;
    private final IdentityAuthenticationProvider authentication;

    People(IdentityService identity, PeopleRepository repository, IdentityAuthenticationProvider authentication) {
        this.identity = identity;
        this.repository = repository;
        this.authentication = authentication;
    }

    /** Every user, by id, with its role groups and status. */
    public List<Person> list() {
        requireAdmin();
        Map<String, List<String>> groupsOf = new HashMap<>();
        for (String group : ROLE_GROUPS) {
            identity.createUserQuery().memberOfGroup(group).list()
                    .forEach(u -> groupsOf.computeIfAbsent(u.getId(), k -> new ArrayList<>()).add(group));
        }
        Set<String> disabled = repository.disabled();
        return identity.createUserQuery().orderByUserId().asc().list().stream()
                .map(u -> person(u, groupsOf.getOrDefault(u.getId(), List.of()), !disabled.contains(u.getId())))
                .toList();
    }

    public Person get(String id) {
        requireAdmin();
        return load(id);
    }

    /** The role groups with their role and member count. */
    public List<RoleGroup> groups() {
        requireAdmin();
        return ROLE_GROUPS.stream().map(g -> new RoleGroup(g, g, Roles.ofGroup(g),
                identity.createUserQuery().memberOfGroup(g).count())).toList();
    }

    @Transactional
    public Person create(NewPerson spec) {
        String admin = requireAdmin().id();
        if (spec == null) {
            throw ApiException.badRequest("field 'id' is required");
        }
        String id = spec.id() == null ? "" : spec.id().trim();
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("field 'id': 1 to 64 letters (A-Z, a-z) and digits");
        }
        Details details = checked(new Details(spec.firstName(), spec.lastName(), spec.email()));
        String password = checkedPassword(spec.password());
        List<String> groups = checkedGroups(spec.groups());
        if (identity.createUserQuery().userId(id).count() > 0) {
            throw ApiException.conflict("field 'id': user '" + id + "' already exists");
        }
        User user = identity.newUser(id);
        apply(user, details);
        user.setPassword(password);
        identity.saveUser(user);
        groups.forEach(g -> identity.createMembership(id, g));
        repository.setActive(id, true, admin);
        evictOnCommit();
        return load(id);
    }

    /** Names and email. */
    @Transactional
    public Person update(String id, Details details) {
        requireAdmin();
        User user = user(id);
        apply(user, checked(details));
        identity.saveUser(user);
        return load(id);
    }

    /** The administrator sets a new password; it works (and the old one stops) at once; a lock-out is lifted. */
    @Transactional
    public void resetPassword(String id, String password) {
        requireAdmin();
        User user = user(id);
        user.setPassword(checkedPassword(password));
        identity.saveUser(user);
        identity.unlockUser(id);
        evictOnCommit();
    }

    /** Replaces the user's role groups by {@code groups}. */
    @Transactional
    public Person setGroups(String id, List<String> groups) {
        requireAdmin();
        user(id);
        List<String> wanted = checkedGroups(groups);
        if (!wanted.contains(Groups.ADMINS)) {
            keepAnActiveAdmin(id, "taken out of admins");
        }
        List<String> current = load(id).groupIds();
        current.stream().filter(g -> !wanted.contains(g)).forEach(g -> identity.deleteMembership(id, g));
        wanted.stream().filter(g -> !current.contains(g)).forEach(g -> identity.createMembership(id, g));
        evictOnCommit();
        return load(id);
    }

    /** Disables (may not sign in any more, at once) or enables a user. */
    @Transactional
    public Person setActive(String id, boolean active) {
        String admin = requireAdmin().id();
        user(id);
        if (!active) {
            if (id.equals(admin)) {
                throw ApiException.conflict("you cannot disable your own account");
            }
            keepAnActiveAdmin(id, "disabled");
        }
        repository.setActive(id, active, admin);
        evictOnCommit();
        return load(id);
    }

    /** Deletes the user with its memberships (tasks it holds stay assigned to its id). */
    @Transactional
    public void delete(String id) {
        String admin = requireAdmin().id();
        user(id);
        if (id.equals(admin)) {
            throw ApiException.conflict("you cannot delete your own account");
        }
        keepAnActiveAdmin(id, "deleted");
        identity.deleteUser(id);
        repository.forget(id);
        evictOnCommit();
    }

    private static CurrentUser requireAdmin() {
        CurrentUser user = CurrentUser.get();
        if (!user.hasRole(Roles.ADMIN)) {
            throw ApiException.forbidden("only admins manage people");
        }
        return user;
    }

    /** Refuses when {@code id} is the only active member of admins; serialized by a lock on the admins group. */
    private void keepAnActiveAdmin(String id, String what) {
        repository.lockGroup(Groups.ADMINS);
        Set<String> disabled = repository.disabled();
        List<String> activeAdmins = identity.createUserQuery().memberOfGroup(Groups.ADMINS).list().stream()
                .map(User::getId).filter(u -> !disabled.contains(u)).toList();
        if (activeAdmins.equals(List.of(id))) {
            throw ApiException.conflict("user '" + id + "' is the last active admin and cannot be " + what);
        }
    }

    private void evictOnCommit() {
        authentication.evictAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a request between the first eviction and the commit may have cached the old state again
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    authentication.evictAll();
                }
            });
        }
    }

    private User user(String id) {
        User user = id == null ? null : identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            throw ApiException.notFound("user '" + id + "'");
        }
        return user;
    }

    private Person load(String id) {
        User user = user(id);
        List<String> groups = ROLE_GROUPS.stream()
                .filter(g -> identity.createUserQuery().userId(id).memberOfGroup(g).count() > 0).toList();
        return person(user, groups, !repository.isDisabled(id));
    }

    private static Person person(User user, List<String> groups, boolean active) {
        List<Person.Membership> memberships = ROLE_GROUPS.stream().filter(groups::contains)
                .map(g -> new Person.Membership(g, Roles.ofGroup(g))).toList();
        return new Person(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail(), memberships, active);
    }

    private static void apply(User user, Details details) {
        user.setFirstName(details.firstName());
        user.setLastName(details.lastName());
        user.setEmail(details.email());
    }

    private static Details checked(Details details) {
        if (details == null) {
            throw ApiException.badRequest("field 'firstName' is required");
        }
        String first = trimmed(details.firstName());
        String last = trimmed(details.lastName());
        String email = trimmed(details.email());
        if (first == null) {
            throw ApiException.badRequest("field 'firstName' is required");
        }
        checkLength("firstName", first);
        checkLength("lastName", last);
        checkLength("email", email);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("field 'email': '" + email + "' is not an email address");
        }
        return new Details(first, last, email);
    }

    private static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw ApiException.badRequest("field 'password' must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > 200) {
            throw ApiException.badRequest("field 'password' must be at most 200 characters");
        }
        return password;
    }

    private static List<String> checkedGroups(List<String> groups) {
        Set<String> checked = new LinkedHashSet<>();
        for (String group : groups == null ? List.<String>of() : groups) {
            if (!ROLE_GROUPS.contains(group)) {
                throw ApiException.badRequest("field 'groups': '" + group + "' is not one of " + String.join(", ", ROLE_GROUPS));
            }
            checked.add(group);
        }
        return List.copyOf(checked);
    }

    private static void checkLength(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw ApiException.badRequest("field '" + field + "' must be at most " + MAX_TEXT + " characters");
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
