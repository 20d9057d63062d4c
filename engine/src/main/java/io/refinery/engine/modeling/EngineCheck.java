package io.refinery.engine.modeling;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.xml.sax.SAXParseException;

/**
 * Camunda's own parsers over a file, without deploying it: BPMN through the engine's {@code BpmnParse} (the same
 * parse listeners and checks a deployment runs, inside a command context, nothing written), DMN through the engine's
 * DMN engine. Their errors become {@link Problem}s with source {@code "engine"}, keeping the element ids, lines and
 * columns the engine reports.
 */
final class EngineCheck {
    private static final Pattern QUOTED_ID = Pattern.compile("(?:id|Id|decision|element) '([^']+)'");

    private final ProcessEngineConfigurationImpl configuration;

    EngineCheck(ProcessEngine engine) {
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    List<Problem> check(ModelFile file) {
        return file.kind() == ModelKind.BPMN ? bpmn(file) : dmn(file);
    }

    private List<Problem> bpmn(ModelFile file) {
        try {
            configuration.getCommandExecutorTxRequired().execute(context -> {
                DeploymentEntity deployment = new DeploymentEntity();
                deployment.setName("validation");
                BpmnParse parse = parser().createParse()
                        .deployment(deployment)
                        .sourceInputStream(new ByteArrayInputStream(file.xml().getBytes(StandardCharsets.UTF_8)));
                parse.name(file.fileName());
                parse.execute();
                return null;
            });
            return List.of();
        } catch (ParseException e) {
            return problems(e);
        } catch (RuntimeException e) {
            return List.of(problem(e));
        }
    }

    /** The parser the engine's BPMN deployer uses, with the engine's parse listeners. */
    private BpmnParser parser() {
        return configuration.getDeployers().stream().filter(BpmnDeployer.class::isInstance)
                .map(d -> ((BpmnDeployer) d).getBpmnParser()).findFirst()
                .orElseThrow(() -> new IllegalStateException("the process engine has no BPMN deployer"));
    }

    static List<Problem> problems(ParseException e) {
        List<Problem> found = new ArrayList<>();
        for (ResourceReport report : e.getResorceReports()) {
            for (org.camunda.bpm.engine.Problem p : report.getErrors()) {
                found.add(new Problem(p.getMainElementId(), p.getMessage(), Problem.ENGINE,
                        p.getLine() > 0 ? p.getLine() : null, p.getColumn() > 0 ? p.getColumn() : null,
                        report.getResourceName()));
            }
        }
        if (found.isEmpty()) {
            found.add(new Problem(null, e.getMessage(), Problem.ENGINE, null, null));
        }
        return found;
    }

    private List<Problem> dmn(ModelFile file) {
        try {
            // inside a command: the engine's DMN transform reads engine settings (history time to live) from it
            configuration.getCommandExecutorTxRequired().execute(context -> configuration.getDmnEngine()
                    .parseDecisionRequirementsGraph(new ByteArrayInputStream(file.xml().getBytes(StandardCharsets.UTF_8))));
            return List.of();
        } catch (RuntimeException e) {
            return List.of(problem(e));
        }
    }

    /** An exception without structured problems: the deepest message, the SAX position if any, an id if quoted. */
    private static Problem problem(Throwable e) {
        Integer line = null;
        Integer column = null;
        StringBuilder message = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SAXParseException sax) {
                line = sax.getLineNumber() > 0 ? sax.getLineNumber() : null;
                column = sax.getColumnNumber() > 0 ? sax.getColumnNumber() : null;
            }
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        Matcher id = QUOTED_ID.matcher(message);
        return new Problem(id.find() ? id.group(1) : null, message.toString(), Problem.ENGINE, line, column);
    }
}
