package io.refinery.engine.system;

import io.refinery.workflows.Groups;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the role groups always, and the documented demo users (README) only when asked for
 * ({@code refinery.demo-users=true}: {@code ./refinery demo}, {@code ./refinery up --demo}; default false) and they are
 * missing. Existing users and passwords are never changed. Without demo users, {@link InitialAccounts} makes the
 * first admin.
 */
@Component
@Order(0)
class DemoUsers implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    record DemoUser(String id, String password, String firstName, String lastName, List<String> groups) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "admin", "Ada", "Admin", List.of(Groups.ADMINS, Groups.MANAGERS)),
            new DemoUser("manager", "manager", "Mia", "Manager 王经理", List.of(Groups.MANAGERS)),
            new DemoUser("ann1", "ann1", "Anna", "Annotator 李", List.of(Groups.ANNOTATORS)),
            new DemoUser("ann2", "ann2", "Ben", "Annotator 张", List.of(Groups.ANNOTATORS)),
            new DemoUser("ann3", "ann3", "Chen", "Annotator 陈", List.of(Groups.ANNOTATORS)),
            new DemoUser("expert", "expert", "Eva", "Expert 赵专家", List.of(Groups.EXPERTS)),
            new DemoUser("worker", "worker", "Worker", "Account", List.of(Groups.WORKERS)),
            new DemoUser("consumer", "consumer", "Cora", "Consumer 周", List.of(Groups.CONSUMERS)));

    private final IdentityService identity;
    private final RefineryProperties properties;

    DemoUsers(IdentityService identity, RefineryProperties properties) {
        this.identity = identity;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String groupId : List.of(Groups.ADMINS, Groups.MANAGERS, Groups.ANNOTATORS, Groups.EXPERTS, Groups.WORKERS,
                Groups.CONSUMERS)) {
            if (identity.createGroupQuery().groupId(groupId).count() == 0) {
                Group group = identity.newGroup(groupId);
                group.setName(groupId);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
            }
        }
        if (!properties.demoUsers()) {
            return;
        }
        for (DemoUser demo : USERS) {
            if (identity.createUserQuery().userId(demo.id()).count() > 0) {
                continue;
            }
            User user = identity.newUser(demo.id());
            user.setPassword(demo.password());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.id() + "@refinery.local");
            identity.saveUser(user);
            demo.groups().forEach(g -> identity.createMembership(demo.id(), g));
            log.info("Created demo user {} in {}", demo.id(), demo.groups());
        }
    }
}
