package io.refinery.engine.tasks;

import io.refinery.engine.tasks.TaskView;
import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The inbox over HTTP: paged, filtered, sorted task lists with counts; assignment, bulk actions and comments. */
@RestController
@RequestMapping("/api")
class InboxController {
    static final String PEOPLE = "hasAnyRole('MANAGER','ANNOTATOR','EXPERT','ADMIN')";
    static final String MANAGERS = "hasAnyRole('MANAGER','ADMIN')";

    record Assignment(String userId) {
    }

    record Bulk(String action, List<String> taskIds, String userId) {
    }

    record NewComment(String message) {
    }

    private final Inbox inbox;
    private final TaskDispatch dispatch;

    InboxController(Inbox inbox, TaskDispatch dispatch) {
        this.inbox = inbox;
        this.dispatch = dispatch;
    }

    @GetMapping("/inbox")
    @PreAuthorize(PEOPLE)
    InboxPage page(@RequestParam(defaultValue = "mine") String scope,
                   @RequestParam(required = false) String process,
                   @RequestParam(required = false) String dataset,
                   @RequestParam(required = false) String kind,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueBefore,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant dueAfter,
                   @RequestParam(required = false) Integer priorityMin,
                   @RequestParam(required = false) Integer priorityMax,
                   @RequestParam(defaultValue = "priority") String sort,
                   @RequestParam(defaultValue = "desc") String dir,
                   @RequestParam(defaultValue = "0") int offset,
                   @RequestParam(defaultValue = "50") int limit) {
        InboxQuery query;
        try {
            query = new InboxQuery(InboxQuery.Scope.valueOf(scope.toUpperCase(Locale.ROOT)), process, dataset, kind,
                    dueBefore, dueAfter, priorityMin, priorityMax, InboxQuery.sortOf(sort),
                    "desc".equalsIgnoreCase(dir), offset, limit);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("bad inbox query: " + e.getMessage()
                    + " (scope mine|team, sort created|due|priority|name, dir asc|desc)");
        }
        return inbox.page(CurrentUser.get(), query);
    }

    @PostMapping("/tasks/{taskId}/assign")
    @PreAuthorize(MANAGERS)
    TaskView assign(@PathVariable String taskId, @RequestBody Assignment assignment) {
        return dispatch.assign(taskId, assignment.userId(), CurrentUser.get());
    }

    @PostMapping("/tasks/bulk")
    @PreAuthorize(PEOPLE)
    Map<String, List<TaskDispatch.Result>> bulk(@RequestBody Bulk bulk) {
        return Map.of("results", dispatch.bulk(TaskDispatch.actionOf(bulk.action()), bulk.taskIds(), bulk.userId(),
                CurrentUser.get()));
    }

    @GetMapping("/tasks/{taskId}/comments")
    @PreAuthorize(PEOPLE)
    List<TaskDispatch.Comment> comments(@PathVariable String taskId) {
        return dispatch.comments(taskId, CurrentUser.get());
    }

    @PostMapping("/tasks/{taskId}/comments")
    @PreAuthorize(PEOPLE)
    @ResponseStatus(HttpStatus.CREATED)
    TaskDispatch.Comment comment(@PathVariable String taskId, @RequestBody NewComment comment) {
        return dispatch.comment(taskId, comment.message(), CurrentUser.get());
    }

    @GetMapping("/people")
    @PreAuthorize(MANAGERS)
    List<TaskDispatch.Person> people(@RequestParam(required = false) String group) {
        return dispatch.people(group, CurrentUser.get());
    }
}
