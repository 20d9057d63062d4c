package io.refinery.engine.tasks;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Vars;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may take which task, and taking, releasing and completing it, with the {@link TaskRule} of its kind. Every rule
 * here is enforced on the server, whatever the UI shows.
 */
@Service
public class Tasks {
    private final TaskService tasks;
    private final Inbox inbox;
    /** Looked up when used: the rules' modules build on this one (a rule may call {@link #requireMayWork}). */
    private final ObjectProvider<TaskRule> rules;

    private final TransactionTemplate transaction;

    public Tasks(TaskService tasks, Inbox inbox, ObjectProvider<TaskRule> rules,
                 PlatformTransactionManager transactions) {
        this.tasks = tasks;
        this.inbox = inbox;
        this.rules = rules;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The user's own tasks and the unclaimed tasks of the user's groups that the user may take, most urgent first
     * (see {@link Inbox}: a constant number of queries whatever {@code max} is).
     */
    public List<TaskView> inbox(CurrentUser user, int max) {
        return inbox.page(user, InboxQuery.mine(0, max)).tasks();
    }

    public TaskView view(Task task) {
        Map<String, Object> vars = tasks.getVariables(task.getId(), List.of(Vars.VERSION_ID, Vars.NAME, Vars.ROUND));
        Long versionId = vars.get(Vars.VERSION_ID) instanceof Number n ? n.longValue() : null;
        Integer round = vars.get(Vars.ROUND) instanceof Number n ? n.intValue() : null;
        TaskRule.Work work = versionId == null || round == null ? null : ruleOf(task).map(r -> r.work(task)).orElse(null);
        List<String> groups = tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(l -> l.getGroupId()).toList();
        return new TaskView(task.getId(), task.getName(), TaskKind.of(task.getTaskDefinitionKey()).id(),
                task.getTaskDefinitionKey(), task.getProcessInstanceId(), versionId, (String) vars.get(Vars.NAME), round,
                work == null ? null : work.packageId(), work == null ? null : work.slot(), task.getAssignee(), groups,
                task.getCreateTime(), task.getDueDate(), task.getPriority());
    }

    public Task requireTask(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw ApiException.notFound("task " + taskId);
        }
        return task;
    }

    /** 403 unless the task is the user's, or unclaimed and offered to one of the user's groups. */
    public Task requireMayWork(String taskId, CurrentUser user) {
        Task task = requireTask(taskId);
        if (user.id().equals(task.getAssignee())) {
            return task;
        }
        if (task.getAssignee() != null) {
            throw ApiException.forbidden("task " + taskId + " is claimed by " + task.getAssignee());
        }
        if (!isCandidate(task, user)) {
            throw ApiException.forbidden("task " + taskId + " is not offered to your groups " + user.groups());
        }
        return task;
    }

    /** 403 unless the user holds the task (claimed it, or it was given to them); {@code toDo} says what for. */
    public Task requireAssignee(String taskId, CurrentUser user, String toDo) {
        Task task = requireTask(taskId);
        if (!user.id().equals(task.getAssignee())) {
            throw ApiException.forbidden("claim task " + taskId + " before " + toDo);
        }
        return task;
    }

    private boolean isCandidate(Task task, CurrentUser user) {
        Set<String> groups = new HashSet<>(user.groups());
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .anyMatch(l -> user.id().equals(l.getUserId()) || (l.getGroupId() != null && groups.contains(l.getGroupId())));
    }

    @Transactional
    public TaskView claim(String taskId, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
        ruleOf(task).ifPresent(r -> r.beforeTake(task, user.id()));
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.id());
        }
        return view(requireTask(taskId));
    }

    /** Takes the task for {@link #claim} when nobody holds it yet (opening a task page takes it). */
    @Transactional
    public Task take(String taskId, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
        if (task.getAssignee() == null) {
            claim(taskId, user);
        }
        return requireTask(taskId);
    }

    /** Gives a task to a person chosen by a manager (assign, or reassign when someone has it). */
    @Transactional
    public TaskView assign(String taskId, String userId, CurrentUser by) {
        if (!by.hasRole(Roles.MANAGER) && !by.hasRole(Roles.ADMIN)) {
            throw ApiException.forbidden("only managers and admins may assign tasks to people");
        }
        Task task = requireTask(taskId);
        ruleOf(task).ifPresent(r -> r.beforeTake(task, userId));
        tasks.setAssignee(taskId, userId);
        return view(requireTask(taskId));
    }

    @Transactional
    public void unclaim(String taskId, CurrentUser user) {
        Task task = requireTask(taskId);
        boolean manager = user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN);
        if (!user.id().equals(task.getAssignee()) && !manager) {
            throw ApiException.forbidden("only the assignee or a manager can release task " + taskId);
        }
        ruleOf(task).ifPresent(r -> r.beforeRelease(task, user));
        tasks.setAssignee(taskId, null);
    }

    /** Completions tried at most, when other completions of the same run get in the way. */
    static final int COMPLETE_ATTEMPTS = 10;

    /**
     * Completes a task with the variables its kind takes, once its rule finds the work done. Two people submitting
     * tasks of the same wave at the same moment both change the wave's counters; the one whose transaction loses is
     * not an error to show: its completion runs again (a new transaction, the rule's checks again), up to
     * {@value #COMPLETE_ATTEMPTS} times. Inside a caller's transaction there is nothing to repeat, and the conflict
     * goes to the caller.
     */
    public void complete(String taskId, Map<String, Object> variables, CurrentUser user) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> completeOnce(taskId, variables, user));
                return;
            } catch (OptimisticLockingException concurrent) {
                if (attempt >= COMPLETE_ATTEMPTS
                        || TransactionSynchronizationManager.isActualTransactionActive()) {
                    throw concurrent;
                }
                try {
                    // apart, at random, longer each time: the others' transactions end meanwhile
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 5 + 25L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw concurrent;
                }
            }
        }
    }

    private void completeOnce(String taskId, Map<String, Object> variables, CurrentUser user) {
        Task task = requireMayWork(taskId, user);
        var rule = ruleOf(task);
        Map<String, Object> vars = variables == null ? Map.of() : variables;
        Set<String> allowed = rule.map(TaskRule::variables).orElse(Set.of());
        for (String name : vars.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("variable '" + name + "' cannot be set when completing a "
                        + TaskKind.of(task.getTaskDefinitionKey()).id() + " task; allowed: " + allowed);
            }
        }
        Map<String, Object> result = new HashMap<>(rule.map(r -> r.beforeComplete(task, vars, user)).orElse(vars));
        if (task.getAssignee() == null) {
            tasks.claim(taskId, user.id());
        }
        tasks.complete(taskId, result);
    }

    private java.util.Optional<TaskRule> ruleOf(Task task) {
        return rules.orderedStream().filter(r -> r.appliesTo(task.getTaskDefinitionKey())).findFirst();
    }
}
