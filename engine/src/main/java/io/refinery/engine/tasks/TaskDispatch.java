package io.refinery.engine.tasks;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Who does which task, decided by managers: assign or reassign one task or many to a person (each task on its own,
 * with its own result), bulk claim, and the comments people leave on a task.
 */
@Service
public class TaskDispatch {
    public static final int MAX_BULK = 500;
    public static final int MAX_COMMENT = 2000;

    public enum Action { CLAIM, UNCLAIM, ASSIGN, REASSIGN }

    /** The outcome for one task of a bulk request: HTTP-like status and a message saying why it failed. */
    public record Result(String taskId, int status, String message) {
        public boolean ok() {
            return status < 300;
        }
    }

    public record Comment(String id, String author, Date time, String message) {
    }

    public record Person(String id, String name) {
    }

    private final Tasks humanTasks;
    private final TaskService tasks;
    private final IdentityService identity;

    public TaskDispatch(Tasks humanTasks, TaskService tasks, IdentityService identity) {
        this.humanTasks = humanTasks;
        this.tasks = tasks;
        this.identity = identity;
    }

    /** Assigns (or reassigns) a task to a person who is a candidate for it. */
    public TaskView assign(String taskId, String userId, CurrentUser by) {
        requireManager(by);
        Task task = humanTasks.requireTask(taskId);
        if (userId == null || identity.createUserQuery().userId(userId).count() == 0) {
            throw ApiException.badRequest("no user '" + userId + "'");
        }
        Set<String> offeredTo = tasks.getIdentityLinksForTask(taskId).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).collect(Collectors.toSet());
        boolean member = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .anyMatch(offeredTo::contains);
        if (!offeredTo.isEmpty() && !member) {
            throw ApiException.badRequest(userId + " is in none of the groups " + offeredTo + " that task " + task.getId()
                    + " is offered to");
        }
        return humanTasks.assign(taskId, userId, by);
    }

    /** One request, one result per task; a failing task does not stop or undo the others. */
    public List<Result> bulk(Action action, List<String> taskIds, String userId, CurrentUser by) {
        if (action == null || taskIds == null || taskIds.isEmpty() || taskIds.size() > MAX_BULK) {
            throw ApiException.badRequest("a bulk request needs an action and 1.." + MAX_BULK + " task ids");
        }
        if (action != Action.CLAIM) {
            requireManager(by);
        }
        List<Result> results = new ArrayList<>(taskIds.size());
        for (String taskId : taskIds) {
            try {
                switch (action) {
                    case CLAIM -> humanTasks.claim(taskId, by);
                    case UNCLAIM -> humanTasks.unclaim(taskId, by);
                    case ASSIGN -> {
                        String current = humanTasks.requireTask(taskId).getAssignee();
                        if (current != null && !current.equals(userId)) {
                            throw ApiException.conflict("task " + taskId + " is claimed by " + current + "; reassign it");
                        }
                        assign(taskId, userId, by);
                    }
                    case REASSIGN -> assign(taskId, userId, by);
                    default -> throw new IllegalStateException();
                }
                results.add(new Result(taskId, 200, "ok"));
            } catch (ApiException e) {
                results.add(new Result(taskId, e.status().value(), e.getMessage()));
            } catch (RuntimeException e) {
                results.add(new Result(taskId, HttpStatus.CONFLICT.value(), String.valueOf(e.getMessage())));
            }
        }
        return results;
    }

    public static Action actionOf(String name) {
        try {
            return Action.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("action must be claim, unclaim, assign or reassign, not '" + name + "'");
        }
    }

    /** Comments of a task, oldest first; for whoever may work on it and for managers. */
    public List<Comment> comments(String taskId, CurrentUser user) {
        requireMaySee(taskId, user);
        return tasks.getTaskComments(taskId).stream()
                .map(c -> new Comment(c.getId(), c.getUserId(), c.getTime(), c.getFullMessage()))
                .sorted(java.util.Comparator.comparing(Comment::time))
                .toList();
    }

    public Comment comment(String taskId, String message, CurrentUser user) {
        Task task = requireMaySee(taskId, user);
        if (message == null || message.isBlank() || message.length() > MAX_COMMENT) {
            throw ApiException.badRequest("a comment needs 1.." + MAX_COMMENT + " characters");
        }
        identity.setAuthenticatedUserId(user.id()); // Camunda takes a comment's author from here
        try {
            var c = tasks.createComment(taskId, task.getProcessInstanceId(), message.strip());
            return new Comment(c.getId(), c.getUserId(), c.getTime(), c.getFullMessage());
        } finally {
            identity.clearAuthentication();
        }
    }

    /** People who may take a task offered to {@code groupId} (all users when null), for the assign dialog. */
    public List<Person> people(String groupId, CurrentUser by) {
        requireManager(by);
        var query = identity.createUserQuery();
        if (groupId != null) {
            query.memberOfGroup(groupId);
        }
        return query.orderByUserId().asc().listPage(0, 1000).stream()
                .map(u -> new Person(u.getId(), displayName(u))).toList();
    }

    private static String displayName(User u) {
        String name = ((u.getFirstName() == null ? "" : u.getFirstName()) + " "
                + (u.getLastName() == null ? "" : u.getLastName())).trim();
        return name.isEmpty() ? u.getId() : name + " (" + u.getId() + ")";
    }

    private Task requireMaySee(String taskId, CurrentUser user) {
        return Inbox.isManager(user) ? humanTasks.requireTask(taskId) : humanTasks.requireMayWork(taskId, user);
    }

    private static void requireManager(CurrentUser by) {
        if (!Inbox.isManager(by)) {
            throw ApiException.forbidden("only managers and admins may assign tasks to people");
        }
    }
}
