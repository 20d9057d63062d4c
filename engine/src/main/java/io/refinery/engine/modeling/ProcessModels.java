package io.refinery.engine.modeling;

import io.refinery.engine.system.ApiException;
import io.refinery.engine.system.CurrentUser;
import io.refinery.engine.system.RefineryProperties;
import io.refinery.engine.system.Roles;
import io.refinery.workflows.Vars;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Validating and deploying the designer's files, test runs and templates. Every file from outside goes through
 * {@link SafeModelReader} first; a deploy validates everything first and then makes one Camunda deployment with all
 * files (atomic: all definitions get a new version or none does), recording who deployed in the same transaction.
 * Drafts are {@link ModelDrafts}, what is deployed {@link DeployedModels}. Mutating methods are for managers and
 * admins only, checked here whatever the caller (REST or UI).
 */
@Service
public class ProcessModels {
    /** Camunda deployment source of designer deployments. */
    public static final String DEPLOYMENT_SOURCE = "refinery-designer";

    private final SafeModelReader reader;
    private final DraftRepository drafts;
    private final EngineCheck engineCheck;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ModelTemplates templates;
    private final TestRuns testRuns;
    private final ContractCheck contracts;
    private final DeployedModels deployed;
    private final Clock clock = Clock.systemUTC();
    private final ModelPolicy policy = new ModelPolicy();

    ProcessModels(RefineryProperties settings, DraftRepository drafts, ProcessEngine engine,
                  ModelTemplates templates, TestRuns testRuns, ContractCheck contracts, DeployedModels deployed) {
        this.testRuns = testRuns;
        this.reader = new SafeModelReader(settings.models().maxBytes());
        this.drafts = drafts;
        this.engineCheck = new EngineCheck(engine);
        this.repository = engine.getRepositoryService();
        this.runtime = engine.getRuntimeService();
        this.identity = engine.getIdentityService();
        this.templates = templates;
        this.contracts = contracts;
        this.deployed = deployed;
    }

    // ---------------------------------------------------------------------------------------------- files

    /** Reads an uploaded file safely (size, no DOCTYPE/entities, depth, well-formed) and tells BPMN from DMN. */
    public ModelFile read(String fileName, InputStream in) {
        SafeModelReader.Parsed parsed = reader.read(fileName, in);
        return new ModelFile(fileName, parsed.kind(), parsed.xml());
    }

    /** Same checks for XML that arrives as text (a draft saved from the editor, a file in a validate request). */
    ModelFile read(String fileName, String xml) {
        SafeModelReader.Parsed parsed = reader.read(fileName, xml);
        return new ModelFile(fileName, parsed.kind(), parsed.xml());
    }

    // ---------------------------------------------------------------------------------------------- validate, deploy

    /** {@link #validate(List, CurrentUser)} as for a manager: the strictest check. */
    public Validation validate(List<ModelFile> files) {
        return validate(files, null);
    }

    /**
     * Everything a deploy by {@code user} would refuse, and the lint rules: per file the XML safety and well-formedness
     * checks, Camunda's own parse (BPMN parse errors with element ids, lines, columns; DMN transform errors),
     * {@link ModelLint}, and — unless the user is an admin — the manager policy ({@link ModelPolicy}: nothing but the
     * platform's steps, listeners and plain expressions); across files, duplicate file names and process or decision
     * keys defined twice. Also, per process, the dataset-process contract ({@link DatasetContract}), which does not
     * block a deploy.
     */
    public Validation validate(List<ModelFile> files, CurrentUser user) {
        List<Problem> problems = new ArrayList<>();
        if (files == null || files.isEmpty()) {
            return new Validation(List.of(new Problem(null, "no files to validate", Problem.XML, null, null)));
        }
        boolean admin = user != null && user.hasRole(Roles.ADMIN);
        Set<String> names = new HashSet<>();
        Map<String, String> keys = new HashMap<>();
        List<ModelFile> readable = new ArrayList<>();
        for (ModelFile given : files) {
            ModelFile file;
            SafeModelReader.Parsed parsed;
            try {
                parsed = reader.read(given.fileName(), given.xml());
                file = TemplateSteps.complete(new ModelFile(given.fileName(), parsed.kind(), parsed.xml()));
            } catch (ModelRejected e) {
                problems.add(new Problem(null, e.getMessage(), Problem.XML, e.line(), e.column(), given.fileName()));
                continue;
            }
            readable.add(file);
            if (!names.add(resourceName(file))) {
                problems.add(new Problem(null, "two files are named '" + resourceName(file) + "'", Problem.XML,
                        null, null, file.fileName()));
            }
            if (parsed.key() != null) {
                String other = keys.putIfAbsent(file.kind() + ":" + parsed.key(), file.fileName());
                if (other != null) {
                    problems.add(new Problem(parsed.key(), "'" + parsed.key() + "' is defined in both '" + other
                            + "' and '" + file.fileName() + "'", Problem.ENGINE, null, null, file.fileName()));
                }
            }
            if (!admin) {
                // the original text, not the completed one: the platform's additions are its own
                for (Problem p : policy.check(new ModelFile(given.fileName(), parsed.kind(), parsed.xml()))) {
                    problems.add(p.inFile(file.fileName()));
                }
            }
            for (Problem p : engineCheck.check(file)) {
                problems.add(p.fileName() == null ? p.inFile(file.fileName()) : p);
            }
            for (Problem p : ModelLint.check(file)) {
                problems.add(p.inFile(file.fileName()));
            }
        }
        return new Validation(problems, contracts.check(readable));
    }

    /**
     * Deploys all files as one new Camunda deployment (each definition gets a new version), after {@link #validate}
     * found nothing; records who deployed in the same transaction. Refused with {@link ModelInvalid} (nothing
     * deployed) when any problem is found, lint problems included. An admin's deploy is not held to the manager
     * policy; when it breaks it, the deploy row keeps the reasons ({@code policy_exempt}).
     */
    @Transactional
    public Deployment deploy(String name, List<ModelFile> files, CurrentUser user) {
        requireModeler(user, "deploy");
        Validation validation = validate(files, user);
        if (!validation.ok()) {
            throw new ModelInvalid(validation);
        }
        String policyNotes = null;
        if (user.hasRole(Roles.ADMIN)) {
            List<String> notes = new ArrayList<>();
            for (ModelFile given : files) {
                ModelFile file = read(given.fileName(), given.xml());
                policy.check(file).forEach(p -> notes.add(file.fileName() + ": " + p.message()));
            }
            policyNotes = notes.isEmpty() ? null : String.join("\n", notes);
        }
        String deploymentName = name == null || name.isBlank() ? files.get(0).fileName() : name.strip();
        DeploymentBuilder builder = repository.createDeployment().name(deploymentName).source(DEPLOYMENT_SOURCE);
        for (ModelFile given : files) {
            ModelFile file = TemplateSteps.complete(read(given.fileName(), given.xml()));
            builder.addString(resourceName(file), file.xml());
        }
        DeploymentWithDefinitions deployment;
        try {
            deployment = builder.deployWithResult();
        } catch (ParseException e) {
            throw new ModelInvalid(new Validation(EngineCheck.problems(e)));
        }
        Instant at = deployment.getDeploymentTime() == null ? clock.instant()
                : deployment.getDeploymentTime().toInstant();
        drafts.recordDeployment(deployment.getId(), deploymentName, user.id(), at, policyNotes);
        List<DeployedDefinition> definitions = new ArrayList<>();
        for (ProcessDefinition d : nullSafe(deployment.getDeployedProcessDefinitions())) {
            definitions.add(DeployedModels.definition(d, user.id(), at));
        }
        for (DecisionDefinition d : nullSafe(deployment.getDeployedDecisionDefinitions())) {
            definitions.add(DeployedModels.definition(d, user.id(), at));
        }
        return new Deployment(deployment.getId(), definitions, validation.contract());
    }

    /**
     * Starts an instance of a deployed process definition as {@code user}; returns its id. Without a
     * {@code versionId} variable a test dataset version is made for it (see {@link TestRuns}): the demand's variables
     * get defaults, and the small customer-service sample becomes its source unless {@code source} is given.
     */
    @Transactional
    public String startTestInstance(String definitionId, Map<String, Object> variables, CurrentUser user) {
        requireModeler(user, "start test instances");
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(definitionId)
                .singleResult();
        if (definition == null) {
            throw ApiException.notFound("process definition " + definitionId);
        }
        deployed.requireRunnableBy(definition, user);
        Map<String, Object> vars = testRuns.prepare(definition.getKey(), variables == null ? Map.of() : variables, user);
        identity.setAuthenticatedUserId(user.id());
        String instanceId;
        try {
            instanceId = runtime.startProcessInstanceById(definitionId, "test-" + vars.get(Vars.VERSION_ID), vars)
                    .getId();
        } finally {
            identity.clearAuthentication();
        }
        if (variables == null || !variables.containsKey(Vars.VERSION_ID)) {
            testRuns.attach(((Number) vars.get(Vars.VERSION_ID)).longValue(), instanceId);
        }
        return instanceId;
    }

    // ---------------------------------------------------------------------------------------------- templates

    public List<String> templateNames() {
        return templates.names();
    }

    public String templateXml(String name) {
        return templates.xml(name).orElseThrow(() -> ApiException.notFound("template '" + name + "'"));
    }

    /** The dataset steps as Camunda 7 element templates (JSON array) for the palette and the properties panel. */
    public String elementTemplates() {
        return templates.elementTemplates();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static boolean isModeler(CurrentUser user) {
        return user != null && (user.hasRole(Roles.MANAGER) || user.hasRole(Roles.ADMIN));
    }

    static void requireModeler(CurrentUser user, String what) {
        if (!isModeler(user)) {
            throw ApiException.forbidden("only managers and admins may " + what);
        }
    }

    /** The name Camunda deploys a file under: it picks deployers by extension, so BPMN ends in .bpmn, DMN in .dmn. */
    static String resourceName(ModelFile file) {
        String name = file.fileName();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean known = file.kind() == ModelKind.BPMN ? lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")
                : lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml");
        return known ? name : name + file.kind().extension();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
